package dev.taskmesh.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL primary and a streaming replica of its own, on free ports, made by {@code scripts/replica-pair.sh}
 * (never the machine's shared cluster), with a database {@code taskmesh} for the server. Needs PostgreSQL's server
 * binaries; without them the test is skipped, unless TASKMESH_REQUIRE_OPS_TOOLS is set (CI).
 */
public final class ReplicaPair implements AutoCloseable {

    private static final Path SCRIPT =
            Path.of("..", "scripts", "replica-pair.sh").toAbsolutePath().normalize();
    private static final String DATABASE = "taskmesh";

    private final Path dir;
    private final int primaryPort;
    private final int replicaPort;

    private ReplicaPair(Path dir, int primaryPort, int replicaPort) {
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
    }

    public static ReplicaPair start() {
        try {
            Path parent = Files.createTempDirectory(
                    "taskmesh-replicas-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Path dir = parent.resolve("pair");
            String output = run("start", dir.toString());
            ReplicaPair pair = new ReplicaPair(dir, port(output, "PRIMARY_PORT"), port(output, "REPLICA_PORT"));
            try (Connection connection =
                            DriverManager.getConnection(pair.url(pair.primaryPort, "postgres"), "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pair's own directory, removed with it. */
    public Path directory() {
        return dir;
    }

    public String primaryUrl() {
        return url(primaryPort, DATABASE);
    }

    public String replicaUrl() {
        return url(replicaPort, DATABASE);
    }

    public void stopReplica() {
        run("stop-replica", dir.toString());
    }

    public void startReplica() {
        run("start-replica", dir.toString());
    }

    /** Runs SQL on the replica as its superuser: pg_wal_replay_pause(), pg_wal_replay_resume(). */
    public void onReplica(String sql) {
        try (Connection connection = DriverManager.getConnection(replicaUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops both servers and removes everything of theirs, the directory made for them included. */
    @Override
    public void close() {
        run("stop", dir.toString());
        try {
            Files.deleteIfExists(dir.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String url(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static int port(String output, String name) {
        Matcher matcher = Pattern.compile(name + "=(\\d+)").matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("replica-pair.sh printed no " + name + ": " + output);
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        Command result = Command.run(new ProcessBuilder(command));
        if (result.exit() != 0) {
            if (arguments[0].equals("start") && System.getenv("TASKMESH_REQUIRE_OPS_TOOLS") == null) {
                assumeTrue(false, "no replica pair here: " + result.output());
            }
            throw new IllegalStateException("replica-pair.sh " + arguments[0] + " failed: " + result.output());
        }
        return result.output();
    }
}
