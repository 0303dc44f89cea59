package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.ReplicaPair;
import dev.taskmesh.server.support.Scrape;
import dev.taskmesh.server.support.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server on a primary with one streaming replica of it: list reads go to the replica, a read that carries its
 * write's position sees it even while the replica's replay is paused, and a stopped replica leaves the rotation with
 * no failed request, and rejoins. Not an IntegrationTest: its database is the pair's primary, not the shared server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReadReplicasIT {

    static final ReplicaPair PAIR = ReplicaPair.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    Api api;
    URI management;
    User owner;
    String workspace;
    String project;

    @DynamicPropertySource
    static void pair(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PAIR::primaryUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.data.redis.url", TestInfrastructure.get()::redisUrl);
        registry.add("taskmesh.auth.jwt-key", () -> IntegrationTest.JWT_KEY);
        registry.add(
                "taskmesh.attachments.directory",
                () -> PAIR.directory().resolve("attachments").toString());
        registry.add("taskmesh.replicas.urls", PAIR::replicaUrl);
        registry.add("taskmesh.replicas.check-interval", () -> "100ms");
        // a paused replay must keep the replica in the rotation for the length of the test
        registry.add("taskmesh.replicas.max-lag", () -> "60s");
    }

    @AfterAll
    static void stopPair() {
        PAIR.close();
    }

    @BeforeEach
    void board() {
        api = Api.at("http://127.0.0.1:" + port);
        management = URI.create("http://127.0.0.1:" + managementPort);
        owner = api.registerAndLogin(Board.unique("owner"));
        workspace = api.createWorkspace(owner, "Replicated");
        project = api.createProject(owner, workspace, "Board");
    }

    @Test
    void listsAreReadFromTheReplicaAndAReadWithItsWritesPositionSeesItWhileReplayIsPaused() {
        Api.Response first = expect(api.createTask(owner, workspace, project, "Replicated"), 201);
        expect(api.readTask(owner, workspace, first.text("id"), first), 200);
        awaitReplicaCaughtUp();
        assertThat(titles(null)).containsExactly("Replicated");
        assertThat(servedByReplica()).isPositive();

        PAIR.onReplica("SELECT pg_wal_replay_pause()");
        try {
            Api.Response second = expect(api.createTask(owner, workspace, project, "Written while paused"), 201);
            long position = second.body().path("globalPosition").asLong();
            // the primary has it; the paused replica, which serves a read without a position, does not
            await().until(() ->
                    api.readTask(owner, workspace, second.text("id"), second).status() == 200);
            double replicaReads = servedByReplica();
            assertThat(titles(null)).containsExactly("Replicated");
            assertThat(servedByReplica()).isGreaterThan(replicaReads);
            // with its position, the write is read back: from the primary, after a bounded wait for the replica
            assertThat(titles(position)).containsExactlyInAnyOrder("Replicated", "Written while paused");
            assertThat(Scrape.of(management)
                            .sum("taskmesh_replicas_reads_total", "source=\"primary\"", "reason=\"none-fit\""))
                    .isPositive();
        } finally {
            PAIR.onReplica("SELECT pg_wal_replay_resume()");
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(titles(null)).containsExactlyInAnyOrder("Replicated", "Written while paused"));
    }

    @Test
    void aStoppedReplicaLeavesTheRotationWithNoFailedRequestAndRejoins() throws Exception {
        expect(api.createTask(owner, workspace, project, "Survives"), 201);
        awaitReplicaCaughtUp();
        PAIR.stopReplica();
        try {
            // every read succeeds: the primary serves what the replica cannot
            for (int i = 0; i < 20; i++) {
                assertThat(titles(null)).containsExactly("Survives");
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            "DEGRADED".equals(replicasHealth().path("status").asString()));
            assertThat(status("/actuator/health/readiness")).isEqualTo(200);
        } finally {
            PAIR.startReplica();
        }
        awaitReplicaCaughtUp();
        double before = servedByReplica();
        assertThat(titles(null)).containsExactly("Survives");
        assertThat(servedByReplica()).isGreaterThan(before);
    }

    private void awaitReplicaCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode health = replicasHealth();
            assertThat(health.path("status").asString()).isEqualTo("UP");
            JsonNode replica = health.path("details").values().iterator().next();
            assertThat(replica.path("inRotation").asBoolean()).isTrue();
            assertThat(replica.path("lagBytes").asLong()).isZero();
        });
    }

    private List<String> titles(Long minPosition) {
        JsonNode page = expect(
                        api.get(
                                "/api/workspaces/" + workspace + "/projects/" + project + "/tasks"
                                        + (minPosition == null ? "" : "?minPosition=" + minPosition),
                                owner.accessToken()),
                        200)
                .body();
        return page.path("items")
                .valueStream()
                .map(task -> task.path("title").asString())
                .toList();
    }

    private double servedByReplica() {
        return Scrape.of(management).sum("taskmesh_replicas_reads_total", "reason=\"replica\"");
    }

    private JsonNode replicasHealth() throws Exception {
        return JSON.readTree(get("/actuator/health")).path("components").path("replicas");
    }

    private int status(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(management.resolve(path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(management.resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
