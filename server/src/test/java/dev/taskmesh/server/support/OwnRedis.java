package dev.taskmesh.server.support;

import dev.taskmesh.server.EmbeddedInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A Redis of a test's own, on a free port, for tests that stop it: the shared one is never stopped (later tests,
 * sessions and CI use it).
 */
public final class OwnRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private OwnRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static OwnRedis start() {
        try {
            int port = TestInfrastructure.freePort();
            Path dir = Files.createTempDirectory("taskmesh-own-redis-");
            RedisServer server = EmbeddedInfrastructure.redis(dir, port);
            server.start();
            return new OwnRedis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it again on the same port, empty, as a restarted Redis without persistence is. */
    public void restart() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (server.isActive()) {
            stop();
        }
    }
}
