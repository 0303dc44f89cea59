package dev.taskmesh.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL primary and a streaming replica of it made by the repository's {@code scripts/replica-pair.sh}, on
 * free ports and in a directory of their own: the replica scenario's, never the machine's cluster.
 */
final class ReplicaPairProcess implements AutoCloseable {

    private final Path script;
    private final Path dir;
    final int primaryPort;
    final int replicaPort;

    private ReplicaPairProcess(Path script, Path dir, int primaryPort, int replicaPort) {
        this.script = script;
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
    }

    static ReplicaPairProcess start() throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("taskmesh.root", "."), "scripts", "replica-pair.sh");
        Path parent = Files.createTempDirectory(
                "taskmesh-bench-replicas-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path dir = parent.resolve("pair");
        String output = run(script, "start", dir.toString());
        return new ReplicaPairProcess(script, dir, port(output, "PRIMARY_PORT"), port(output, "REPLICA_PORT"));
    }

    String url(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(script, "stop", dir.toString());
    }

    private static int port(String output, String name) {
        Matcher matcher = Pattern.compile(name + "=(\\d+)").matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("replica-pair.sh printed no " + name + ": " + output);
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String run(Path script, String command, String dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", script.toString(), command, dir)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("replica-pair.sh " + command + " failed: " + output);
        }
        return output;
    }
}
