package dev.taskmesh.bench.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis of a scenario's own (the embedded-redis binary) on a free port that stays its port across a stop and a
 * start, so that the servers' clients find it again when it is back, as they would a restarted production Redis.
 */
public final class OwnRedis implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final RedisServer server;
    private boolean running;

    private OwnRedis(Path dir, int port, RedisServer server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    public static OwnRedis start() throws IOException {
        Path dir = Files.createTempDirectory("taskmesh-bench-redis-");
        int port = BenchInfrastructure.freePort();
        OwnRedis own = new OwnRedis(
                dir,
                port,
                RedisServer.newRedisServer()
                        .executableProvider(ExecutableProvider.newJarResourceProvider(dir.toFile()))
                        .bind("127.0.0.1")
                        .port(port)
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build());
        own.startServer();
        return own;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void startServer() throws IOException {
        server.start();
        running = true;
    }

    /** Stops the process (SHUTDOWN NOSAVE, then the process is reaped): every client's connection drops. */
    public synchronized void stop() throws IOException {
        server.stop();
        running = false;
    }

    @Override
    public synchronized void close() throws IOException {
        if (running) {
            stop();
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
