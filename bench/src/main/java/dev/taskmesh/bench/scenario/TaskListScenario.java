package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.client.TaskMeshClient;
import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.load.ClosedLoop;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.StepResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Task lists at scale: one project seeded with the server's import (100,000 tasks in full mode), then its first page
 * in board order, the first page under filters, a page deep in the list by cursor, and the first page by latest
 * change, each at a fixed rate. Target: p99 ≤ 15 ms for the first page and for a deep cursor.
 */
public final class TaskListScenario implements Scenario {

    static final double P99_TARGET_MS = 15;
    private static final double RATE = 100;

    @Override
    public String name() {
        return "task-list";
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        String database = "bench_task_list_" + started.getEpochSecond();
        String url = context.infra().createDatabase(database);
        int tasks = context.full() ? 100_000 : 10_000;
        Map<String, String> env = context.infra().serverEnv(url);
        env.put("TASKMESH_JWT_KEY", ServerProcess.signingKey());
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        try {
            String email = "lists-" + started.getEpochSecond() + "@bench.taskmesh.dev";
            String password = "bench-password-" + started.getEpochSecond();
            JsonNode seeded = BulkSeed.run(
                    context,
                    env,
                    "task-list-import.log",
                    List.of("--tasks=" + tasks, "--projects=1", "--email=" + email, "--password=" + password));
            summary.put("tasks", tasks);
            summary.put("seedTasksPerSecond", seeded.path("tasksPerSecond").asDouble());
            try (ServerProcess server = ServerProcess.start(
                    context.serverJar(), env, context.outDir().resolve("task-list-server.log"))) {
                // the seeded history is projected by the server: measure only once task_view holds all of it
                Projections.awaitIdle(context.infra(), url, Duration.ofMinutes(10));
                TaskMeshClient client = new TaskMeshClient(server.base());
                client.signIn(email, password);
                String workspace = seeded.path("workspaceId").asString();
                String project = client.get("/api/workspaces/" + workspace + "/projects")
                        .path("items")
                        .get(0)
                        .path("id")
                        .asString();
                String list = "/api/workspaces/" + workspace + "/projects/" + project + "/tasks";
                String deep = cursorAt(client, list, tasks / 2);

                Map<String, Call> reads = new LinkedHashMap<>();
                reads.put("first page, board order", index -> page(client, list));
                reads.put("first page, filtered", index -> page(client, list + "?status=todo&status=done&watching=me"));
                reads.put("page " + (tasks / 2) + " deep, by cursor", index -> page(client, list + "?cursor=" + deep));
                reads.put("first page, latest change first", index -> page(client, list + "?sort=-updatedAt"));
                for (Call read : reads.values()) {
                    ClosedLoop.run(2, context.warmUp(), read);
                }
                server.sampling(true);
                for (Map.Entry<String, Call> read : reads.entrySet()) {
                    StepResult step = StepResult.of(
                            read.getKey(),
                            "open",
                            RATE,
                            0,
                            context.step().toSeconds(),
                            OpenLoop.run(RATE, context.step(), 512, read.getValue()));
                    steps.add(step);
                    summary.put("p99ms:" + read.getKey(), step.latency().p99());
                }
                summary.put("server", server.usage());
                return result(context, started, steps, server.usage(), summary);
            }
        } finally {
            context.infra().dropDatabase(database);
        }
    }

    /** Pages through the list (200 at a time) to the cursor that follows {@code depth} tasks. */
    private static String cursorAt(TaskMeshClient client, String list, int depth)
            throws IOException, InterruptedException {
        String cursor = null;
        for (int read = 0; read < depth; read += 200) {
            JsonNode page = client.get(list + "?limit=200" + (cursor == null ? "" : "&cursor=" + cursor));
            cursor = page.path("nextCursor").asString();
        }
        return cursor;
    }

    private static boolean page(TaskMeshClient client, String path) throws IOException, InterruptedException {
        return client.get(path).path("items").size() > 0;
    }

    @Override
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        return """
                %s tasks in one project (seeded by `taskmesh-server.jar import` at %s tasks/s); each read at %s/s \
                for %s s. Target p99 ≤ %s ms for the first page and for a deep cursor.

                %s

                %s""".formatted(
                        s.get("tasks"),
                        Math.round((Double) s.get("seedTasksPerSecond")),
                        (int) RATE,
                        result.steps().isEmpty() ? 0 : result.steps().getFirst().seconds(),
                        (int) P99_TARGET_MS,
                        Scenario.serverUsage(result.server()),
                        Tables.steps(result.steps()));
    }
}
