package dev.taskmesh.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.Scrape;
import dev.taskmesh.server.support.StreamClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator sees of a node: metrics on the management port that move with the traffic, one request id from
 * the HTTP request into its frames and every log line it causes, structured logs without secrets, and readiness.
 * Every log line of TaskMesh's own code is on (DEBUG), so the secrets check covers all of them.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.level.dev.taskmesh=DEBUG")
class OperationsIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalManagementPort
    int managementPort;

    URI management;
    User owner;
    String workspace;
    String project;

    @BeforeEach
    void board() {
        management = URI.create("http://127.0.0.1:" + managementPort);
        owner = api.registerAndLogin(Board.unique("operator"));
        workspace = api.createWorkspace(owner, "Operations");
        project = api.createProject(owner, workspace, "Metrics");
    }

    @Test
    void actuatorAndPrometheusAreServedOnTheManagementPortAndNotOnThePublicOne() throws Exception {
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(404);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(404);

        HttpResponse<String> scrape = get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("taskmesh_realtime_connections", "taskmesh_realtime_connections_limit");
    }

    @Test
    void connectionsWritesSearchesAndListsMoveTheirMetrics() {
        Scrape before = Scrape.of(management);
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            client.subscribe("workspace:" + workspace, null);
            await().untilAsserted(() -> assertThat(Scrape.of(management).sum("taskmesh_realtime_connections"))
                    .isEqualTo(before.sum("taskmesh_realtime_connections") + 1));

            Api.expect(api.createTask(owner, workspace, project, "Watch the dashboards"), 201);
            client.awaitFrame(
                    frame -> "TaskCreated".equals(frame.path("eventType").asString()));
            await().untilAsserted(() -> {
                Scrape after = Scrape.of(management);
                assertThat(after.sum("taskmesh_realtime_frames_total", "direction=\"in\""))
                        .isGreaterThan(before.sum("taskmesh_realtime_frames_total", "direction=\"in\""));
                assertThat(after.sum("taskmesh_realtime_frames_total", "direction=\"out\""))
                        .isGreaterThan(before.sum("taskmesh_realtime_frames_total", "direction=\"out\""));
                assertThat(after.sum("taskmesh_realtime_broadcast_seconds_count"))
                        .isGreaterThan(before.sum("taskmesh_realtime_broadcast_seconds_count"));
            });
        }
        await().untilAsserted(() -> assertThat(Scrape.of(management).sum("taskmesh_realtime_connections"))
                .isEqualTo(before.sum("taskmesh_realtime_connections")));

        Scrape afterWrite = Scrape.of(management);
        assertThat(afterWrite.sum(
                        "taskmesh_commands_duration_seconds_count",
                        "command=\"CreateTaskCommand\"",
                        "outcome=\"success\""))
                .isGreaterThan(before.sum(
                        "taskmesh_commands_duration_seconds_count",
                        "command=\"CreateTaskCommand\"",
                        "outcome=\"success\""));
        // a command its handler refuses is timed as a failure: a task created in an archived workspace
        String archived = api.createWorkspace(owner, "Archived");
        String shelved = api.createProject(owner, archived, "Shelved");
        Api.expect(api.patch("/api/workspaces/" + archived, owner.accessToken(), Map.of("archived", true)), 200);
        Api.expect(api.createTask(owner, archived, shelved, "Refused"), 409);
        assertThat(Scrape.of(management)
                        .sum(
                                "taskmesh_commands_duration_seconds_count",
                                "command=\"CreateTaskCommand\"",
                                "outcome=\"failure\""))
                .isEqualTo(before.sum(
                                "taskmesh_commands_duration_seconds_count",
                                "command=\"CreateTaskCommand\"",
                                "outcome=\"failure\"")
                        + 1);

        Api.expect(api.get("/api/workspaces/" + workspace + "/search?q=dashboards", owner.accessToken()), 200);
        Api.expect(api.get("/api/workspaces/" + workspace + "/projects", owner.accessToken()), 200);
        Api.expect(api.get("/api/workspaces/" + workspace + "/projects", owner.accessToken()), 200);
        Scrape afterReads = Scrape.of(management);
        assertThat(afterReads.sum("taskmesh_search_query_seconds_count"))
                .isGreaterThan(before.sum("taskmesh_search_query_seconds_count"));
        assertThat(afterReads.sum("taskmesh_cache_requests_total", "result=\"hit\""))
                .isGreaterThan(before.sum("taskmesh_cache_requests_total", "result=\"hit\""));
        assertThat(afterReads.has("http_server_requests_seconds_count", "status=\"200\""))
                .isTrue();
    }

    @Test
    void everyProcessorReportsItsLagWhichReturnsToZeroOnceCaughtUp() {
        Api.expect(api.createTask(owner, workspace, project, "Lagging?"), 201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Scrape scrape = Scrape.of(management);
            for (String processor : List.of("task-views", "activity-feed", "search", "notifications")) {
                assertThat(scrape.has("taskmesh_processor_lag_events", "processor=\"" + processor + "\""))
                        .as(processor)
                        .isTrue();
                assertThat(scrape.sum("taskmesh_processor_lag_events", "processor=\"" + processor + "\""))
                        .as(processor)
                        .isZero();
                assertThat(scrape.sum("taskmesh_processor_lag_seconds", "processor=\"" + processor + "\""))
                        .as(processor)
                        .isZero();
            }
        });
    }

    @Test
    void aRequestIdFollowsItsWriteIntoTheFrameAndEveryLogLineOnTheWay(CapturedOutput output) {
        String requestId = "ops-" + UUID.randomUUID();
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            client.subscribe("workspace:" + workspace, null);
            Api.Response created = api.send(
                    "POST",
                    "/api/workspaces/" + workspace + "/projects/" + project + "/tasks",
                    owner.accessToken(),
                    Map.of("title", "Follow me"),
                    "X-Request-Id",
                    requestId);
            assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
            JsonNode frame = client.awaitFrame(
                    f -> "TaskCreated".equals(f.path("eventType").asString()));
            assertThat(frame.path("correlationId").asString()).isEqualTo(requestId);
        }
        await().untilAsserted(() -> {
            List<JsonNode> lines = linesWith(output, requestId);
            assertThat(lines).allSatisfy(line -> {
                assertThat(line.path("requestId").asString()).isEqualTo(requestId);
                assertThat(line.path("userId").asString()).isEqualTo(owner.id());
                assertThat(line.path("workspaceId").asString()).isEqualTo(workspace);
            });
            // the command on the request's thread, then the projections and the relay on theirs
            assertThat(lines)
                    .extracting(line -> line.path("message").asString())
                    .anySatisfy(message -> assertThat(message).startsWith("CreateTaskCommand success"))
                    .anySatisfy(message -> assertThat(message).startsWith("task-views handles TaskCreatedEvent"))
                    .anySatisfy(message -> assertThat(message).startsWith("search handles TaskCreatedEvent"))
                    .anySatisfy(message -> assertThat(message).startsWith("realtime-relay handles TaskCreatedEvent"));
        });
    }

    @Test
    void aRequestIdThatIsNotAPlainTokenIsReplacedByANewOne() {
        Api.Response response =
                api.send("GET", "/api/workspaces/" + workspace, owner.accessToken(), null, "X-Request-Id", "a b\"c");
        assertThat(response.status()).isEqualTo(200);
        assertThat(UUID.fromString(response.header("X-Request-Id"))).isNotNull();
        assertThat(api.send(
                                "GET",
                                "/api/workspaces/" + workspace,
                                owner.accessToken(),
                                null,
                                "X-Request-Id",
                                "x".repeat(65))
                        .header("X-Request-Id"))
                .hasSize(36);
    }

    @Test
    void noPasswordTokenOrKeyReachesTheLogs(CapturedOutput output) {
        String password = "secret-" + UUID.randomUUID();
        String newPassword = "renewed-" + UUID.randomUUID();
        String handle = Board.unique("careful");
        User user = api.registerAndLogin(handle + "@example.com", handle, "Careful", password);
        api.post("/api/auth/login", null, Map.of("email", user.email(), "password", "wrong-" + password));
        Api.Response refreshed =
                Api.expect(api.post("/api/auth/refresh", null, Map.of("refreshToken", user.refreshToken())), 200);
        Api.expect(
                api.send(
                        "PUT",
                        "/api/users/me/password",
                        user.accessToken(),
                        Map.of("currentPassword", password, "newPassword", newPassword)),
                200);
        api.post("/api/auth/password-reset", null, Map.of("email", user.email()));
        try (StreamClient client = StreamClient.connect(api.base(), user.accessToken())) {
            client.subscribe("user:" + user.id(), null);
        }

        assertThat(output.getAll())
                .isNotEmpty()
                .doesNotContain(password)
                .doesNotContain(newPassword)
                .doesNotContain(user.accessToken())
                .doesNotContain(user.refreshToken())
                .doesNotContain(refreshed.text("accessToken"))
                .doesNotContain(refreshed.text("refreshToken"))
                .doesNotContain(JWT_KEY);
    }

    @Test
    void readinessFollowsTheDatabaseAndThisNodesProcessorsAndShowsRedis() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode components = JSON.readTree(readiness.body()).path("components");
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("redis").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("readinessState").path("status").asString()).isEqualTo("UP");
        JsonNode processors = components.path("processors");
        assertThat(processors.path("status").asString()).isEqualTo("UP");
        assertThat(processors.path("details").path("task-views").path("state").asString())
                .isEqualTo("running");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void theAlertRulesAndTheDashboardNameOnlyMetricsTheServerExposes() throws Exception {
        Api.expect(api.createTask(owner, workspace, project, "Measured"), 201);
        Api.expect(api.get("/api/workspaces/" + workspace + "/search?q=measured", owner.accessToken()), 200);
        Api.expect(api.get("/api/workspaces/" + workspace + "/projects", owner.accessToken()), 200);
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            client.subscribe("workspace:" + workspace, 0L);
            client.awaitEvents("workspace:" + workspace, 2);
        }
        Path ops = Path.of("..", "ops");
        String named = Files.readString(ops.resolve("prometheus/alerts.yml"))
                + Files.readString(ops.resolve("grafana/dashboards/taskmesh.json"));
        Set<String> metrics = new TreeSet<>();
        Matcher metric = Pattern.compile("\\btaskmesh_[a-z_]+").matcher(named);
        while (metric.find()) {
            metrics.add(metric.group());
        }
        // series that exist once their event has happened (a first external delivery, a rebuild) or on nodes with
        // read replicas (ReadReplicasIT's node has them)
        metrics.removeAll(Set.of("taskmesh_notifications_delivered_total", "taskmesh_rebuild_progress"));
        metrics.removeIf(name -> name.startsWith("taskmesh_replicas_"));
        assertThat(metrics).hasSizeGreaterThan(10);
        await().untilAsserted(() -> {
            Scrape scrape = Scrape.of(management);
            assertThat(metrics)
                    .allSatisfy(name -> assertThat(scrape.has(name)).as(name).isTrue());
        });
    }

    /** The structured (JSON) log lines that mention {@code text}; every line must be JSON. */
    private static List<JsonNode> linesWith(CapturedOutput output, String text) {
        return output.getOut()
                .lines()
                .filter(line -> line.contains(text))
                .map(JSON::readTree)
                .toList();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(management.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
