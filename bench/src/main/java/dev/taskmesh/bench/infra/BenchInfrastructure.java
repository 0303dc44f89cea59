package dev.taskmesh.bench.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * The PostgreSQL and Redis a scenario runs on: the ones named by {@code TASKMESH_DATABASE_URL} /
 * {@code TASKMESH_REDIS_URL}, or embedded ones started on free ports for this run only. Every run works in a
 * database of its own, dropped at the end; the shared servers are never stopped or reconfigured.
 */
public final class BenchInfrastructure implements AutoCloseable {

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String redisUrl;
    private final EmbeddedPostgres embeddedPostgres;
    private final RedisServer embeddedRedis;
    private final Path tempDir;
    private final String kind;

    private BenchInfrastructure(
            String kind,
            String adminUrl,
            String user,
            String password,
            String redisUrl,
            EmbeddedPostgres embeddedPostgres,
            RedisServer embeddedRedis,
            Path tempDir) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.redisUrl = redisUrl;
        this.embeddedPostgres = embeddedPostgres;
        this.embeddedRedis = embeddedRedis;
        this.tempDir = tempDir;
        this.kind = kind;
    }

    /** A view on services someone else started and stops (see {@link OwnServices}); closing it stops nothing. */
    public static BenchInfrastructure on(String adminUrl, String user, String password, String redisUrl) {
        return new BenchInfrastructure("own", adminUrl, user, password, redisUrl, null, null, null);
    }

    public static BenchInfrastructure start(Map<String, String> env) {
        String url = env.get("TASKMESH_DATABASE_URL");
        String redis = env.get("TASKMESH_REDIS_URL");
        if (url != null && !url.isBlank() && redis != null && !redis.isBlank()) {
            return new BenchInfrastructure(
                    "given",
                    url,
                    env.getOrDefault("TASKMESH_DATABASE_USER", "postgres"),
                    env.getOrDefault("TASKMESH_DATABASE_PASSWORD", ""),
                    redis,
                    null,
                    null,
                    null);
        }
        try {
            Path dir = Files.createTempDirectory("taskmesh-bench-");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("postgres"))
                    .setPort(freePort())
                    .setServerConfig("max_connections", "300")
                    .setOutputRedirector(
                            Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .setErrorRedirector(
                            Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .start();
            Files.createDirectories(dir.resolve("redis"));
            RedisServer redisServer = RedisServer.newRedisServer()
                    .executableProvider(ExecutableProvider.newJarResourceProvider(
                            dir.resolve("redis").toFile()))
                    .bind("127.0.0.1")
                    .port(freePort())
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            redisServer.start();
            return new BenchInfrastructure(
                    "embedded",
                    "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                    "postgres",
                    "",
                    "redis://127.0.0.1:" + redisServer.ports().get(0),
                    postgres,
                    redisServer,
                    dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL or Redis", e);
        }
    }

    /** A new database for this run; returns its JDBC URL. */
    public String createDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        execute("CREATE DATABASE " + name);
        return withDatabase(name);
    }

    /** The JDBC URL of database {@code name} on this PostgreSQL, whether it exists or not. */
    public String databaseUrl(String name) {
        return withDatabase(name);
    }

    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /**
     * What a server started by a scenario needs to use {@code databaseUrl} (a database of this infrastructure) and
     * this Redis; a scenario adds its own settings to the map it gets.
     */
    public Map<String, String> serverEnv(String databaseUrl) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("TASKMESH_DATABASE_URL", databaseUrl);
        env.put("TASKMESH_DATABASE_USER", user);
        env.put("TASKMESH_DATABASE_PASSWORD", password);
        env.put("TASKMESH_REDIS_URL", redisUrl);
        // scenarios drive a few accounts from one address far beyond a person's pace: the limits stay on (their cost
        // is part of what is measured) but are lifted
        for (String limit :
                List.of("LOGIN_PER_ADDRESS", "LOGIN_PER_ACCOUNT", "REGISTRATION_PER_ADDRESS", "COMMANDS_PER_USER")) {
            env.put("TASKMESH_RATE_LIMIT_" + limit, "100000000/1s");
        }
        return env;
    }

    public String redisUrl() {
        return redisUrl;
    }

    /**
     * Whose services these are: {@code embedded} (started by the harness), {@code given} (named by the environment)
     * or {@code own} (a scenario's own, see {@link OwnServices}).
     */
    public String kind() {
        return kind;
    }

    /** The server's {@code max_connections}: yardsticks stay below it, leaving room for the server's pool. */
    public int maxConnections() {
        try (Connection connection = connect(adminUrl);
                var rs = connection.createStatement().executeQuery("SHOW max_connections")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String postgresVersion() {
        try (Connection connection = connect(adminUrl);
                var rs = connection.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            if (embeddedRedis != null) {
                embeddedRedis.stop();
            }
            if (embeddedPostgres != null) {
                embeddedPostgres.close();
            }
        } catch (IOException e) {
            System.err.println("embedded infrastructure did not stop cleanly: " + e);
        }
        if (tempDir != null) {
            try (var paths = Files.walk(tempDir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temp folder the OS cleans up anyway
            }
        }
    }

    private void execute(String sql) {
        try (Connection connection = connect(adminUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    private String withDatabase(String database) {
        int hostStart = adminUrl.indexOf("//") + 2;
        int pathStart = adminUrl.indexOf('/', hostStart);
        int query = adminUrl.indexOf('?', hostStart);
        String base = pathStart < 0
                ? (query < 0 ? adminUrl : adminUrl.substring(0, query))
                : adminUrl.substring(0, pathStart);
        return base + "/" + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
