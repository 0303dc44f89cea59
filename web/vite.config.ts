import { defineConfig } from "vitest/config";

// Preact's JSX through esbuild's automatic runtime: no framework plugin needed, so the build stays on Vite alone.
// The bundle goes where Maven packs it into the server's classpath (static/), so the server serves it at /.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "target/classes/static",
    emptyOutDir: true,
    // the server's content policy allows scripts and styles from its own origin only: no inline chunks
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev` against a server started with ./run.sh
    proxy: {
      "/api": "http://localhost:8080",
      "/files": "http://localhost:8080",
      "/ws": { target: "ws://localhost:8080", ws: true },
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
