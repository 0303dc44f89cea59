import net from "node:net";

/**
 * A TCP proxy in front of the server that a test can cut and restore: while cut, every connection through it is
 * dropped and new ones are refused, as when a laptop loses its network. A page loaded through it talks to the
 * server (HTTP and the WebSocket) only through it.
 */
export async function cuttableProxy(target) {
  const sockets = new Set();
  let server = null;
  let port = 0;

  const listen = () =>
    new Promise((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = server.address().port;
        resolve();
      });
    });

  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    async cut() {
      await new Promise((resolve) => {
        server.close(() => resolve());
        sockets.forEach((socket) => socket.destroy());
      });
    },
    restore: listen,
    async close() {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
