package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.OpsTools;
import dev.taskmesh.server.support.Scrape;
import dev.taskmesh.server.support.StreamClient;
import dev.taskmesh.server.support.TestInfrastructure;
import dev.taskmesh.server.support.TwoNodes;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The documented topology without Docker: the two-node fixture behind a real nginx, configured by
 * {@code scripts/cluster.sh nginx-conf} with the server block docker-compose.yml uses. A write through the load
 * balancer reaches a client connected through it, with the request's id.
 */
class LoadBalancerIT {

    private static final Path SCRIPTS =
            Path.of("..", "scripts").toAbsolutePath().normalize();

    static TwoNodes nodes;
    static Process nginx;
    static Path run;
    static Path config;
    static Api balanced;

    @BeforeAll
    static void startCluster() throws Exception {
        OpsTools.require("nginx", "curl");
        nodes = TwoNodes.start(IntegrationTest.JWT_KEY);
        run = Files.createTempDirectory("taskmesh-lb-");
        int port = TestInfrastructure.freePort();
        Process writer = new ProcessBuilder(
                        "bash",
                        SCRIPTS.resolve("cluster.sh").toString(),
                        "nginx-conf",
                        run.toString(),
                        Integer.toString(port),
                        hostPort(nodes.a()),
                        hostPort(nodes.b()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        config = Path.of(new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.exitValue()).isZero();
        nginx = new ProcessBuilder("nginx", "-p", run.toString(), "-c", config.toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(run.resolve("nginx-console.log").toFile())
                .start();
        balanced = Api.at("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> balanced.get("/api/users/me", null).status() == 401);
    }

    @AfterAll
    static void stopCluster() throws IOException, InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (nodes != null) {
            nodes.close();
        }
        if (run != null) {
            FileSystemUtils.deleteRecursively(run);
        }
    }

    @Test
    void aWriteThroughTheLoadBalancerReachesAClientConnectedThroughItWithItsRequestId() {
        User owner = balanced.registerAndLogin(Board.unique("balanced"));
        String workspace = balanced.createWorkspace(owner, "Behind nginx");
        String project = balanced.createProject(owner, workspace, "Board");
        String requestId = "lb-" + UUID.randomUUID();
        try (StreamClient client = StreamClient.connect(balanced.base(), owner.accessToken())) {
            client.subscribe("workspace:" + workspace, null);
            Api.Response created = expect(
                    balanced.send(
                            "POST",
                            "/api/workspaces/" + workspace + "/projects/" + project + "/tasks",
                            owner.accessToken(),
                            Map.of("title", "Through the balancer"),
                            "X-Request-Id",
                            requestId),
                    201);
            assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
            JsonNode frame = client.awaitFrame(
                    f -> "TaskCreated".equals(f.path("eventType").asString()));
            assertThat(frame.path("correlationId").asString()).isEqualTo(requestId);
            assertThat(frame.path("data").path("title").asString()).isEqualTo("Through the balancer");
        }
    }

    @Test
    void theLoadBalancerSpreadsRequestsOverBothNodes() {
        User owner = balanced.registerAndLogin(Board.unique("spread"));
        for (int i = 0; i < 10; i++) {
            expect(balanced.get("/api/workspaces", owner.accessToken()), 200);
        }
        for (URI management : new URI[] {nodes.managementA(), nodes.managementB()}) {
            assertThat(Scrape.of(management).sum("http_server_requests_seconds_count", "uri=\"/api/workspaces\""))
                    .as(management.toString())
                    .isPositive();
        }
    }

    private static String hostPort(Api node) {
        URI base = URI.create(node.base());
        return base.getHost() + ":" + base.getPort();
    }
}
