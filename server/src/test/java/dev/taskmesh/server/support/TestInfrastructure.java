package dev.taskmesh.server.support;

import dev.taskmesh.server.EmbeddedInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real PostgreSQL and Redis the integration tests run against, chosen once per JVM: the services named by
 * {@code TASKMESH_DATABASE_URL} / {@code TASKMESH_REDIS_URL} (CI uses the machine's own), else Testcontainers where a
 * Docker engine answers, else embedded ones. Tests never stop or reconfigure these shared servers; each test class
 * gets a database of its own and a Redis key prefix of its own instead.
 */
public final class TestInfrastructure {

    private static final String DATABASE_PREFIX = "tm_it_";
    private static TestInfrastructure instance;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String redisUrl;
    private final List<String> created = new ArrayList<>();

    private TestInfrastructure(String adminUrl, String user, String password, String redisUrl) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.redisUrl = redisUrl;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = resolve(System.getenv());
            instance.dropLeftovers();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::dropCreated, "drop-test-databases"));
        }
        return instance;
    }

    /** A new, empty database on the shared server; Flyway migrates it when the application starts. */
    public synchronized String createDatabase() {
        String name = DATABASE_PREFIX + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE " + name);
        created.add(name);
        return withDatabase(adminUrl, name);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String redisUrl() {
        return redisUrl;
    }

    private static TestInfrastructure resolve(Map<String, String> env) {
        String url = env.get("TASKMESH_DATABASE_URL");
        String redis = env.get("TASKMESH_REDIS_URL");
        if (url != null && !url.isBlank() && redis != null && !redis.isBlank()) {
            return new TestInfrastructure(
                    url,
                    env.getOrDefault("TASKMESH_DATABASE_USER", "postgres"),
                    env.getOrDefault("TASKMESH_DATABASE_PASSWORD", ""),
                    redis);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:15-alpine"));
            postgres.start();
            GenericContainer<?> redisContainer =
                    new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
            redisContainer.start();
            return new TestInfrastructure(
                    postgres.getJdbcUrl(),
                    postgres.getUsername(),
                    postgres.getPassword(),
                    "redis://" + redisContainer.getHost() + ":" + redisContainer.getMappedPort(6379));
        }
        try {
            Path dir = Files.createTempDirectory("taskmesh-it-");
            EmbeddedInfrastructure embedded =
                    EmbeddedInfrastructure.start(dir.resolve("postgres"), freePort(), dir.resolve("redis"), freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                embedded.close();
                deleteRecursively(dir);
            }));
            return new TestInfrastructure(embedded.jdbcUrl(), "postgres", "", embedded.redisUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Databases of earlier runs that were killed before their shutdown hook ran. */
    private void dropLeftovers() {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                var rs = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT datname FROM pg_database WHERE datname LIKE '" + DATABASE_PREFIX + "%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the test PostgreSQL at " + adminUrl, e);
        }
        names.forEach(this::dropQuietly);
    }

    private synchronized void dropCreated() {
        created.forEach(this::dropQuietly);
    }

    private void dropQuietly(String name) {
        try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (IllegalStateException e) {
            // a database still in use by a concurrent run is left for the next run's clean-up
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    /** Replaces the database of a JDBC URL, keeping host, port and parameters. */
    static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int pathStart = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?', hostStart);
        String base =
                pathStart < 0 ? (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) : jdbcUrl.substring(0, pathStart);
        String parameters = query < 0 ? "" : jdbcUrl.substring(query);
        return base + "/" + database + parameters;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp folder the OS will clean up anyway
        }
    }
}
