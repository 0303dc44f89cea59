package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.client.TaskMeshClient;
import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.load.ClosedLoop;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.LatencyRecorder;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.StepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Feed materialisation: task creates at a fixed rate in a workspace of 50 members, so every event fans out to 50
 * feeds, while one member reads their feed at 50/s. The lag (an event's timestamp until its entries are written) is
 * the server's {@code taskmesh.feed.lag} timer. Target: lag p99 under 1 s at 500 events/s, feed read p99 ≤ 10 ms.
 */
public final class FeedScenario implements Scenario {

    private static final int MEMBERS = 50;
    private static final double READ_RATE = 50;
    private static final Map<String, String> LAG = Map.of("taskmesh.feed.lag", "event → feed entries written");

    @Override
    public String name() {
        return "feed";
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        String database = "bench_feed_" + started.getEpochSecond();
        String url = context.infra().createDatabase(database);
        double writeRate = context.full() ? 500 : 200;
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        try (ServerProcess server = ServerProcess.start(
                context.serverJar(),
                Map.of(
                        "TASKMESH_DATABASE_URL", url,
                        "TASKMESH_DATABASE_USER", context.infra().user(),
                        "TASKMESH_DATABASE_PASSWORD", context.infra().password(),
                        "TASKMESH_REDIS_URL", context.infra().redisUrl()),
                context.outDir().resolve("feed-server.log"))) {
            String run = Long.toString(started.getEpochSecond(), 36);
            TaskMeshClient owner = new TaskMeshClient(server.base());
            owner.signUp("feedowner" + run);
            String workspace = owner.createWorkspace("Feed");
            String project = owner.createProject(workspace, "Busy");
            TaskMeshClient reader = null;
            for (int i = 1; i < MEMBERS; i++) {
                TaskMeshClient member = new TaskMeshClient(server.base());
                member.signUp("feed" + run + "m" + i);
                owner.addMember(workspace, member.userId(), "member");
                reader = member;
            }
            TaskMeshClient feedReader = reader;
            Call write = index -> owner.createTask(workspace, project, "Event " + index) != null;
            Call read = index -> feedReader.get("/api/me/feed").path("items").size() > 0;
            ClosedLoop.run(4, context.warmUp(), write);
            ClosedLoop.run(2, context.warmUp(), read);
            Projections.awaitIdle(context.infra(), url);

            Map<String, StageMetrics.Reading> before = StageMetrics.read(server.base(), LAG);
            server.sampling(true);
            CompletableFuture<LatencyRecorder.Snapshot> writes =
                    CompletableFuture.supplyAsync(() -> OpenLoop.run(writeRate, context.step(), 512, write));
            LatencyRecorder.Snapshot reads = OpenLoop.run(READ_RATE, context.step(), 512, read);
            steps.add(StepResult.of(
                    "create task (fans out to " + MEMBERS + ")",
                    "open",
                    writeRate,
                    0,
                    context.step().toSeconds(),
                    writes.join()));
            steps.add(StepResult.of(
                    "read feed", "open", READ_RATE, 0, context.step().toSeconds(), reads));
            server.sampling(false);
            Projections.awaitIdle(context.infra(), url);
            List<Map<String, Object>> lag =
                    StageMetrics.window("node", LAG, before, StageMetrics.read(server.base(), LAG));
            summary.put("members", MEMBERS);
            summary.put("eventsPerSecond", writeRate);
            summary.put("lag", lag);
            summary.put("feedReadP99Ms", steps.getLast().latency().p99());
            summary.put("server", server.usage());
            return result(context, started, steps, server.usage(), summary);
        } finally {
            context.infra().dropDatabase(database);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        return """
                %s task creates/s in a workspace of %s members (%s feed entries/s), while one member reads their feed \
                at %s/s. Target: lag p99 under 1 s, feed read p99 ≤ 10 ms.

                %s
                %s

                %s""".formatted(
                        Math.round((Double) s.get("eventsPerSecond")),
                        s.get("members"),
                        Math.round((Double) s.get("eventsPerSecond") * (Integer) s.get("members")),
                        (int) READ_RATE,
                        StageMetrics.table((List<Map<String, Object>>) s.get("lag")),
                        Scenario.serverUsage(result.server()),
                        Tables.steps(result.steps()));
    }
}
