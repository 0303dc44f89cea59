package dev.taskmesh.server.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The multi-node fixture: two server processes from the packaged jar, one PostgreSQL database and one Redis, as a
 * deployment behind a load balancer runs them. A node can be killed (SIGKILL, no goodbye) to test what survives it.
 * Later multi-node tests reuse this fixture.
 */
public final class TwoNodes implements AutoCloseable {

    private static final Path JAR = Path.of("target/taskmesh-server.jar");
    private static final Path LOGS = Path.of("target/two-nodes");

    private final List<Process> processes = new ArrayList<>();
    private final List<Api> apis = new ArrayList<>();
    private final List<URI> managements = new ArrayList<>();

    private TwoNodes() {}

    /** Starts both nodes in parallel on a fresh database and waits until both are ready. */
    public static TwoNodes start(String jwtKey) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("No " + JAR.toAbsolutePath() + ": the fixture runs the packaged server,"
                    + " so run it through `./mvnw verify` (failsafe runs after packaging)");
        }
        TestInfrastructure infra = TestInfrastructure.get();
        String database = infra.createDatabase();
        TwoNodes nodes = new TwoNodes();
        try {
            Files.createDirectories(LOGS);
            for (String name : List.of("a", "b")) {
                int port = TestInfrastructure.freePort();
                int managementPort = TestInfrastructure.freePort();
                ProcessBuilder builder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        JAR.toString());
                builder.environment()
                        .putAll(Map.of(
                                "TASKMESH_DATABASE_URL", database,
                                "TASKMESH_DATABASE_USER", infra.user(),
                                "TASKMESH_DATABASE_PASSWORD", infra.password(),
                                "TASKMESH_REDIS_URL", infra.redisUrl(),
                                "TASKMESH_JWT_KEY", jwtKey,
                                "TASKMESH_PORT", Integer.toString(port),
                                "TASKMESH_MANAGEMENT_PORT", Integer.toString(managementPort),
                                // a stopping node reports itself unready and serves on for this long
                                "TASKMESH_SHUTDOWN_DRAIN", "2s",
                                "SPRING_PROFILES_ACTIVE", "cluster"));
                // tests sign many people up from one address: the nodes run at the test profile's lifted limits
                builder.environment()
                        .putAll(Map.of(
                                "TASKMESH_RATE_LIMIT_LOGIN_PER_ADDRESS", "100000/1m",
                                "TASKMESH_RATE_LIMIT_LOGIN_PER_ACCOUNT", "100000/1m",
                                "TASKMESH_RATE_LIMIT_REGISTRATION_PER_ADDRESS", "100000/1m",
                                "TASKMESH_RATE_LIMIT_COMMANDS_PER_USER", "100000/1m"));
                builder.redirectErrorStream(true);
                builder.redirectOutput(LOGS.resolve("node-" + name + ".log").toFile());
                nodes.processes.add(builder.start());
                nodes.apis.add(Api.at("http://127.0.0.1:" + port));
                nodes.managements.add(URI.create("http://127.0.0.1:" + managementPort));
            }
            nodes.managements.forEach(TwoNodes::awaitReady);
            return nodes;
        } catch (IOException e) {
            nodes.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
    }

    public Api a() {
        return apis.get(0);
    }

    public Api b() {
        return apis.get(1);
    }

    /** Node A's actuator: health, readiness, Prometheus. */
    public URI managementA() {
        return managements.get(0);
    }

    public URI managementB() {
        return managements.get(1);
    }

    /** Kills node A at once, as a crash or an OOM kill would; its clients see their connections drop. */
    public void killA() {
        processes.get(0).destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !processes.get(0).isAlive());
    }

    /** Stops node B as a deploy or scale-in does (SIGTERM): a graceful shutdown. */
    public void stopB() {
        beginStoppingB();
        awaitStoppedB();
    }

    /** Sends node B its SIGTERM and returns at once: it drains, then shuts down gracefully. */
    public void beginStoppingB() {
        processes.get(1).destroy();
    }

    public void awaitStoppedB() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !processes.get(1).isAlive());
    }

    private static void awaitReady(URI management) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(management.resolve("/actuator/health/readiness"))
                .build();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() ->
                        http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
