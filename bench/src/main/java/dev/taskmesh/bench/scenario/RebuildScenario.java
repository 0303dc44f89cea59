package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.client.TaskMeshClient;
import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.LatencyRecorder;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.StepResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilding read models from the event store while users read: tasks seeded by the server's import (1,000,000 in full
 * mode, 20,000 in short) over 1,000 workspaces of ten members, then the task, search and feed read models rebuilt one
 * after the other through the admin API, while task lists and searches are read at a fixed rate. Reports events
 * replayed per second (from the rebuild's own start and end), rows written per second (the feed writes one row per
 * member for each event) and the reads during each rebuild. Target (search issue): at least 20,000 events/s for the
 * task and search read models, reads served throughout; the feed reported in rows per second.
 */
public final class RebuildScenario implements Scenario {

    static final double TARGET_EVENTS_PER_SECOND = 20_000;
    private static final double READ_RATE = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MEMBERS = 9;
    private static final List<String> PROJECTIONS = List.of("task-views", "search", "activity-feed");
    private static final Map<String, List<String>> TABLES = Map.of(
            "task-views", List.of("task_view"),
            "search", List.of("search_task", "search_comment", "search_word"),
            "activity-feed", List.of("feed_member", "feed_event", "feed_entry", "feed_horizon"));

    @Override
    public String name() {
        return "rebuild";
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        String database = "bench_rebuild_" + started.getEpochSecond();
        // read before the database is made, so a bad size leaves nothing behind
        int tasks = context.size("TASKMESH_BENCH_TASKS", 1_000_000, 20_000);
        String url = context.infra().createDatabase(database);
        String operator = "operator-" + UUID.randomUUID();
        Map<String, String> env = context.infra().serverEnv(url);
        env.put("TASKMESH_JWT_KEY", ServerProcess.signingKey());
        env.put("TASKMESH_ADMIN_TOKEN", operator);
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        try {
            String email = "rebuild-" + started.getEpochSecond() + "@bench.taskmesh.dev";
            String password = "bench-password-" + started.getEpochSecond();
            JsonNode seeded = BulkSeed.run(
                    context,
                    env,
                    "rebuild-import.log",
                    List.of(
                            "--tasks=" + tasks,
                            "--workspaces=1000",
                            "--members=" + MEMBERS,
                            "--projects=2",
                            "--email=" + email,
                            "--password=" + password));
            summary.put("tasks", tasks);
            try (ServerProcess server = ServerProcess.start(
                    context.serverJar(), env, context.outDir().resolve("rebuild-server.log"))) {
                Projections.awaitIdle(
                        context.infra(), url, context.full() ? Duration.ofHours(2) : Duration.ofMinutes(15));
                TaskMeshClient client = new TaskMeshClient(server.base());
                client.signIn(email, password);
                String workspace = seeded.path("workspaceId").asString();
                String project = client.get("/api/workspaces/" + workspace + "/projects")
                        .path("items")
                        .get(0)
                        .path("id")
                        .asString();
                Call read = index -> (index % 2 == 0
                                ? client.get("/api/workspaces/" + workspace + "/projects/" + project + "/tasks")
                                : client.get("/api/workspaces/" + workspace + "/search?q=review"))
                        .has("items");
                Admin admin = new Admin(server.base(), operator);
                summary.put("events", admin.head(context, url));
                for (String projection : PROJECTIONS) {
                    AtomicBoolean rebuilding = new AtomicBoolean(true);
                    CompletableFuture<LatencyRecorder.Snapshot> reads = CompletableFuture.supplyAsync(
                            () -> OpenLoop.runWhile(READ_RATE, 512, rebuilding::get, read));
                    server.sampling(true);
                    JsonNode end = admin.rebuild(projection);
                    rebuilding.set(false);
                    server.sampling(false);
                    double seconds = Duration.between(
                                            Instant.parse(end.path("startedAt").asString()),
                                            Instant.parse(end.path("finishedAt").asString()))
                                    .toMillis()
                            / 1000.0;
                    long events = end.path("done").asLong();
                    summary.put(projection + ":state", end.path("state").asString());
                    summary.put(projection + ":events", events);
                    summary.put(projection + ":seconds", seconds);
                    summary.put(projection + ":eventsPerSecond", Math.round(events / seconds));
                    long rows = admin.rows(context, url, TABLES.get(projection));
                    summary.put(projection + ":rows", rows);
                    summary.put(projection + ":rowsPerSecond", Math.round(rows / seconds));
                    steps.add(StepResult.of(
                            "reads during the " + projection + " rebuild",
                            "open",
                            READ_RATE,
                            0,
                            Math.round(seconds),
                            reads.join()));
                }
                summary.put("server", server.usage());
                return result(context, started, steps, server.usage(), summary);
            }
        } finally {
            context.infra().dropDatabase(database);
        }
    }

    /** The admin API, with the operator token. */
    private record Admin(URI base, String token, HttpClient http) {

        Admin(URI base, String token) {
            this(base, token, HttpClient.newHttpClient());
        }

        long head(RunContext context, String url) throws Exception {
            return rows(context, url, List.of("domain_event_entry"));
        }

        /** The rows of these tables, together. */
        long rows(RunContext context, String url, List<String> tables) throws Exception {
            String sql = "SELECT "
                    + String.join(
                            " + ",
                            tables.stream()
                                    .map(t -> "(SELECT count(*) FROM " + t + ")")
                                    .toList());
            try (var connection = context.infra().connect(url);
                    var statement = connection.createStatement();
                    var rs = statement.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /** Starts the rebuild and follows it to its end; answers its last progress. */
        JsonNode rebuild(String projection) throws Exception {
            URI uri = base.resolve("/admin/rebuilds/" + projection);
            HttpResponse<String> started = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException("rebuild refused: " + started.statusCode() + " " + started.body());
            }
            while (true) {
                Thread.sleep(500);
                JsonNode progress = JSON.readTree(http.send(
                                HttpRequest.newBuilder(uri)
                                        .header("Authorization", "Bearer " + token)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                String state = progress.path("state").asString();
                if (state.equals("done")) {
                    return progress;
                }
                if (state.equals("failed")) {
                    throw new IllegalStateException("rebuild of " + projection + " failed: " + progress);
                }
            }
        }
    }

    @Override
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        return """
                %s tasks (%s events in the store, seeded by `taskmesh-server.jar import` in 1,000 workspaces of %d \
                members); each read model rebuilt through `POST /admin/rebuilds/{name}` while task lists and searches \
                are read at %s/s. Target: at least %,d events/s for tasks and search, reads served throughout; the \
                feed in rows per second.

                | read model | events replayed | seconds | events/s | rows written | rows/s |
                | --- | --- | --- | --- | --- | --- |
                %s

                %s

                %s""".formatted(
                        s.get("tasks"),
                        s.get("events"),
                        MEMBERS + 1,
                        (int) READ_RATE,
                        (long) TARGET_EVENTS_PER_SECOND,
                        String.join(
                                "\n",
                                PROJECTIONS.stream()
                                        .map(p -> "| %s | %s | %s | %s | %s | %s |"
                                                .formatted(
                                                        p,
                                                        s.get(p + ":events"),
                                                        s.get(p + ":seconds"),
                                                        s.get(p + ":eventsPerSecond"),
                                                        s.get(p + ":rows"),
                                                        s.get(p + ":rowsPerSecond")))
                                        .toList()),
                        Scenario.serverUsage(result.server()),
                        Tables.steps(result.steps()));
    }
}
