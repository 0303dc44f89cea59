package dev.taskmesh.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * Real PostgreSQL 15 and Redis started in-process when no external ones are configured, so the README's run command
 * works on a machine with nothing but a JDK. Data is kept in a local folder between restarts.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final EmbeddedPostgres postgres;
    private final RedisServer redis;

    private EmbeddedInfrastructure(EmbeddedPostgres postgres, RedisServer redis) {
        this.postgres = postgres;
        this.redis = redis;
    }

    /**
     * Starts what {@code TASKMESH_DATABASE_URL} and {@code TASKMESH_REDIS_URL} do not name, and points Spring at it
     * through system properties. Ports and the data folder come from {@code TASKMESH_EMBEDDED_*}.
     */
    static void startUnlessConfigured(Map<String, String> env) {
        boolean needPostgres = blank(env.get("TASKMESH_DATABASE_URL"));
        boolean needRedis = blank(env.get("TASKMESH_REDIS_URL"));
        if (!needPostgres && !needRedis) {
            return;
        }
        Path dataDir =
                Path.of(env.getOrDefault("TASKMESH_DATA_DIR", ".taskmesh")).toAbsolutePath();
        int pgPort = Integer.parseInt(env.getOrDefault("TASKMESH_EMBEDDED_POSTGRES_PORT", "54329"));
        int redisPort = Integer.parseInt(env.getOrDefault("TASKMESH_EMBEDDED_REDIS_PORT", "63799"));
        EmbeddedInfrastructure infra = start(
                needPostgres ? dataDir.resolve("postgres") : null,
                pgPort,
                needRedis ? dataDir.resolve("redis") : null,
                redisPort);
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "embedded-infrastructure-stop"));
        if (needPostgres) {
            // the public dev signing key is only accepted on this throw-away local database (AccessTokens)
            System.setProperty("taskmesh.embedded-database", "true");
            System.setProperty("spring.datasource.url", infra.jdbcUrl());
            System.setProperty("spring.datasource.username", "postgres");
            System.setProperty("spring.datasource.password", "");
            log.info("Embedded PostgreSQL on {} with data in {}", infra.jdbcUrl(), dataDir.resolve("postgres"));
        }
        if (needRedis) {
            System.setProperty("spring.data.redis.url", infra.redisUrl());
            log.info("Embedded Redis on {}", infra.redisUrl());
        }
    }

    /**
     * @param postgresDataDir where PostgreSQL keeps its data (kept between starts), or null to start none
     * @param redisDir where Redis keeps its binary and working files, or null to start none
     */
    public static EmbeddedInfrastructure start(Path postgresDataDir, int postgresPort, Path redisDir, int redisPort) {
        try {
            EmbeddedPostgres postgres = null;
            if (postgresDataDir != null) {
                Files.createDirectories(postgresDataDir);
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(postgresDataDir)
                        .setCleanDataDirectory(false)
                        .setPort(postgresPort)
                        // room for several nodes' pools and the bench's raw yardstick
                        .setServerConfig("max_connections", "300")
                        // PostgreSQL's own output goes to a file beside its data, not through our log
                        .setOutputRedirector(Redirect.appendTo(
                                postgresDataDir.resolveSibling("postgres.log").toFile()))
                        .setErrorRedirector(Redirect.appendTo(
                                postgresDataDir.resolveSibling("postgres.log").toFile()))
                        .start();
            }
            RedisServer redis = null;
            if (redisDir != null) {
                redis = redis(redisDir, redisPort);
                redis.start();
            }
            return new EmbeddedInfrastructure(postgres, redis);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL or Redis", e);
        }
    }

    /** A Redis without persistence on {@code port}, its binary unpacked into {@code dir}; not started yet. */
    public static RedisServer redis(Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        // the library would unpack its binary into a fresh /tmp/redis-* folder each start and leave it there
        return RedisServer.newRedisServer()
                .executableProvider(ExecutableProvider.newJarResourceProvider(dir.toFile()))
                .bind("127.0.0.1")
                .port(port)
                .setting("dir " + dir)
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redis.ports().get(0);
    }

    @Override
    public void close() {
        try {
            if (redis != null) {
                redis.stop();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            log.warn("Embedded infrastructure did not stop cleanly", e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
