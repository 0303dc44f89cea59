package dev.taskmesh.bench.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of a scenario's own, made with the machine's {@code initdb} and run with its {@code pg_ctl} on
 * a free port, in a temporary folder: one that a fault scenario may stop, restart or kill, which the machine's shared
 * cluster must never be. As root, the tools run as the {@code postgres} user (initdb refuses root).
 */
public final class OwnPostgres implements AutoCloseable {

    private static final String NO_BINARIES =
            "no PostgreSQL server binaries under /usr/lib/postgresql (Debian: apt-get install postgresql)";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean kept;

    private OwnPostgres(Path bin, Path dir, int port, boolean kept) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.kept = kept;
    }

    /** initdb and start; {@code settings} are postgresql.conf lines, e.g. {@code max_connections = 300}. */
    public static OwnPostgres start(List<String> settings) throws IOException, InterruptedException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory(
                "taskmesh-bench-pg-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ownedByPostgres(dir);
        OwnPostgres own = new OwnPostgres(bin, dir, BenchInfrastructure.freePort(), false);
        own.create(settings);
        own.startServer();
        return own;
    }

    /**
     * A cluster kept in {@code dir} between runs: made there with {@code settings} by the first run, started again as
     * it is by the later ones (on a free port each time), and stopped, not removed, by {@link #close}.
     */
    public static OwnPostgres startKept(Path dir, List<String> settings) throws IOException, InterruptedException {
        Path bin = binaries();
        OwnPostgres own = new OwnPostgres(bin, dir.toAbsolutePath(), BenchInfrastructure.freePort(), true);
        if (!Files.exists(own.data().resolve("PG_VERSION"))) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ownedByPostgres(dir);
            own.create(settings);
        }
        own.startServer();
        return own;
    }

    /** As root, the cluster's folder is the {@code postgres} user's, who runs the tools (initdb refuses root). */
    private static void ownedByPostgres(Path dir) throws IOException {
        if (asRoot()) {
            UserPrincipal postgres =
                    dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
    }

    private void create(List<String> settings) throws IOException, InterruptedException {
        run("initdb", "-D", data().toString(), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        List<String> conf = new ArrayList<>(List.of("listen_addresses = '127.0.0.1'"));
        conf.add("unix_socket_directories = '" + dir + "'");
        conf.addAll(settings);
        appendConf(conf);
    }

    /** The JDBC URL of the cluster's {@code postgres} database, where a scenario creates its own. */
    public String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A restart as an operator makes one ({@code pg_ctl restart -m fast}): sessions are cut, then it is back. */
    public void restart() throws IOException, InterruptedException {
        pgCtl("restart", "-m", "fast");
    }

    private void startServer() throws IOException, InterruptedException {
        // the port on the command line: a kept cluster starts on another free port each time
        pgCtl("start", "-o", "-p " + port);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (kept) {
            pgCtl("stop", "-m", "fast");
            return;
        }
        try {
            pgCtl("stop", "-m", "immediate");
        } catch (IllegalStateException e) {
            // not running any more: only the folder is left to remove
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void appendConf(List<String> lines) throws IOException {
        Files.write(
                data().resolve("postgresql.conf"),
                lines,
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private void pgCtl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "pg_ctl",
                "-D",
                data().toString(),
                "-l",
                dir.resolve("postgres.log").toString(),
                "-w",
                "-t",
                "60"));
        command.addAll(List.of(arguments));
        run(command.toArray(String[]::new));
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (asRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.add(bin.resolve(command[0]).toString());
        line.addAll(List.of(command).subList(1, command.length));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip() + logTail());
        }
    }

    private String logTail() {
        try {
            List<String> log = Files.readAllLines(dir.resolve("postgres.log"));
            return "; its log ends: " + String.join(" | ", log.subList(Math.max(0, log.size() - 5), log.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest server binaries under /usr/lib/postgresql (Debian's layout; .ci/run installs them). */
    private static Path binaries() throws IOException {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(
                            bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException(NO_BINARIES));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException(NO_BINARIES, e);
        }
    }
}
