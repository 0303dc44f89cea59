package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.client.TaskMeshClient;
import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.load.ClosedLoop;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.LatencyRecorder;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.ServerSample;
import dev.taskmesh.bench.record.StepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Feed materialisation: events at a fixed rate in a workspace of 50 members, so every event fans out to 50 feeds,
 * while one member reads their feed at 50/s. The lag (an event's timestamp until its entries are written) is the
 * server's {@code taskmesh.feed.lag} timer. Target: lag p99 under 1 s at 500 events/s, feed read p99 ≤ 10 ms. The
 * events come once from task creates over HTTP and once from {@link EventAppender}, which isolates the processors.
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
        double writeRate = context.full() ? 500 : 200;
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("members", MEMBERS);
        summary.put("eventsPerSecond", writeRate);
        ServerSample usage = null;
        for (Source source : Source.values()) {
            usage = measure(context, source, writeRate, steps, summary);
        }
        summary.put("server", usage);
        return result(context, started, steps, usage, summary);
    }

    /** Where the measured events come from. */
    private enum Source {
        /** Task creates over HTTP: what a deployment sees, with command handling on the same node. */
        HTTP,
        /** Events appended to the store by the harness: the processors' cost alone. */
        STORE
    }

    /** One server on a database of its own, so each source's timer percentiles are its own. */
    private ServerSample measure(
            RunContext context, Source source, double writeRate, List<StepResult> steps, Map<String, Object> summary)
            throws Exception {
        String database = "bench_feed_" + source.name().toLowerCase(java.util.Locale.ROOT) + "_"
                + Instant.now().getEpochSecond();
        String url = context.infra().createDatabase(database);
        try (ServerProcess server = ServerProcess.start(
                        context.serverJar(),
                        context.infra().serverEnv(url),
                        context.outDir().resolve("feed-" + database + "-server.log"));
                EventSource events = EventSource.prepare(context, server, url, database, source)) {
            Call read =
                    index -> events.reader().get("/api/me/feed").path("items").size() > 0;
            ClosedLoop.run(2, context.warmUp(), read);
            Projections.awaitIdle(context.infra(), url);

            Map<String, StageMetrics.Reading> before = StageMetrics.read(server.management(), LAG);
            server.sampling(true);
            CompletableFuture<LatencyRecorder.Snapshot> writes =
                    CompletableFuture.supplyAsync(() -> OpenLoop.run(writeRate, context.step(), 512, events.write()));
            LatencyRecorder.Snapshot reads = OpenLoop.run(READ_RATE, context.step(), 512, read);
            String what = source == Source.HTTP ? "create task over HTTP" : "event appended to the store";
            steps.add(StepResult.of(
                    what + " (fans out to " + MEMBERS + ")",
                    "open",
                    writeRate,
                    0,
                    context.step().toSeconds(),
                    writes.join()));
            steps.add(StepResult.of(
                    "read feed, " + (source == Source.HTTP ? "HTTP writes" : "appended events"),
                    "open",
                    READ_RATE,
                    0,
                    context.step().toSeconds(),
                    reads));
            server.sampling(false);
            Projections.awaitIdle(context.infra(), url);
            summary.put(
                    source == Source.HTTP ? "lag" : "lagAppended",
                    StageMetrics.window("node", LAG, before, StageMetrics.read(server.management(), LAG)));
            summary.put(
                    source == Source.HTTP ? "feedReadP99Ms" : "feedReadP99MsAppended",
                    steps.getLast().latency().p99());
            return server.usage();
        } finally {
            context.infra().dropDatabase(database);
        }
    }

    /** A workspace of {@link #MEMBERS}, a member who reads, and the writes of one source, warmed up. */
    private record EventSource(TaskMeshClient reader, Call write, EventAppender appender) implements AutoCloseable {

        static EventSource prepare(RunContext context, ServerProcess server, String url, String database, Source source)
                throws Exception {
            String run = Long.toString(Instant.now().getEpochSecond(), 36);
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
            Call create = index -> owner.createTask(workspace, project, "Event " + index) != null;
            ClosedLoop.run(4, context.warmUp(), create);
            if (source == Source.HTTP) {
                return new EventSource(reader, create, null);
            }
            EventAppender appender = EventAppender.open(context.infra(), url, database);
            return new EventSource(reader, index -> appender.append(), appender);
        }

        @Override
        public void close() throws Exception {
            if (appender != null) {
                appender.close();
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        return """
                %s events/s in a workspace of %s members (%s feed entries/s), while one member reads their feed \
                at %s/s. Target: lag p99 under 1 s, feed read p99 ≤ 10 ms. Measured twice, each on a fresh server \
                and database: with the events coming from task creates over HTTP (the node also handles the \
                commands, and the load generator shares the machine), and with the harness appending copies of a \
                `TaskCreated` event straight to the event store and announcing each commit on the bus as another \
                node would (the processors' cost alone).

                Events from HTTP creates:

                %s
                Events appended to the store:

                %s
                %s

                %s""".formatted(
                        Math.round((Double) s.get("eventsPerSecond")),
                        s.get("members"),
                        Math.round((Double) s.get("eventsPerSecond") * (Integer) s.get("members")),
                        (int) READ_RATE,
                        StageMetrics.table((List<Map<String, Object>>) s.get("lag")),
                        StageMetrics.table((List<Map<String, Object>>) s.get("lagAppended")),
                        Scenario.serverUsage(result.server()),
                        Tables.steps(result.steps()));
    }
}
