package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.Latency;
import dev.taskmesh.bench.record.LatencyRecorder;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.ServerSample;
import dev.taskmesh.bench.record.StepResult;
import dev.taskmesh.bench.ws.FleetStatus;
import dev.taskmesh.bench.ws.GeneratorConfig;
import dev.taskmesh.bench.ws.GeneratorProcess;
import dev.taskmesh.bench.ws.StormReport;
import dev.taskmesh.bench.ws.WsFleet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A reconnect storm: a node with thousands of clients dies, and all of them come back at once to the node that is
 * left, each subscribing with {@code since} its last position, a few hundred events back.
 *
 * <p>Clients (full: 10,000; short: 2,000; {@code TASKMESH_BENCH_CONNECTIONS} overrides) over 100 workspaces are
 * subscribed on node B. Node B is killed (SIGKILL); while its clients are away, task creates through node A put
 * {@code backlog} events (full: 200, short: 50) on every workspace's stream. Then every client reconnects to node A at
 * the same moment. Measured: how long until every client has every event it missed, each once and in order; and what
 * the storm cost the database (its processes' CPU, active backends, transactions, rows) and node A (its CPU and its
 * replays queued behind the cap on concurrent replays).
 */
public final class StormScenario implements Scenario {

    private static final int WORKSPACES = 100;
    private static final int MEMBERS = 20;
    private static final double BACKLOG_RATE = 300;
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final String POSITIONED =
            "SELECT coalesce(sum(position), 0) FROM stream_head WHERE stream LIKE 'workspace:%'";

    @Override
    public String name() {
        return "reconnect-storm";
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        String run = "st" + Long.toString(started.getEpochSecond(), 36);
        String measuredPrefix = run + "-m-";
        // read before the database is made, so a bad size leaves nothing behind
        int clients = context.size("TASKMESH_BENCH_CONNECTIONS", 10_000, 2_000);
        int backlog = context.full() ? 200 : 50;
        String database = "bench_reconnect_storm_" + started.getEpochSecond();
        String url = context.infra().createDatabase(database);
        Map<String, String> env = BroadcastSetup.nodeEnv(context.infra(), url, clients);
        int processes = Math.max(1, (clients + WsFleet.MAX_CONNECTIONS - 1) / WsFleet.MAX_CONNECTIONS);
        Map<String, Object> summary = new LinkedHashMap<>();
        List<StepResult> steps = new ArrayList<>();
        try (ServerProcess nodeA = ServerProcess.start(
                        context.serverJar(), env, context.outDir().resolve("reconnect-storm-node-a.log"));
                ServerProcess nodeB = ServerProcess.start(
                        context.serverJar(), env, context.outDir().resolve("reconnect-storm-node-b.log"));
                Connection sql = context.infra().connect(url)) {
            BroadcastSetup setup = BroadcastSetup.create(nodeA.base(), run, WORKSPACES, MEMBERS);
            // node 0 is B, where every client starts and which dies; node 1 is A, where they all come back
            List<String> urls = List.of(BroadcastScenario.webSocket(nodeB), BroadcastScenario.webSocket(nodeA));
            List<GeneratorProcess> generators = new ArrayList<>();
            try {
                for (GeneratorConfig config : BroadcastScenario.configs(
                        setup, measuredPrefix, List.of(urls.getFirst()), clients, processes)) {
                    generators.add(GeneratorProcess.start(
                            new GeneratorConfig(
                                    config.measuredPrefix(),
                                    config.process(),
                                    urls,
                                    config.tokens(),
                                    config.connections()),
                            context.outDir().resolve("reconnect-storm-generator-" + config.process() + ".log")));
                }
                FleetStatus fleet = BroadcastScenario.awaitReady(generators, clients);
                System.out.printf(
                        "%d of %d clients subscribed on node B in %.1f s%n",
                        fleet.subscribed(), fleet.asked(), fleet.seconds());
                LatencyRecorder.Snapshot warmUp = OpenLoop.run(
                        WORKSPACES, Duration.ofSeconds(1), 64, BroadcastScenario.writes(setup, run + "-w-"));
                BroadcastScenario.awaitFirstFrames(generators, warmUp);

                nodeB.kill();
                long positionedBefore = positioned(sql);
                AtomicLongArray accepted = new AtomicLongArray(WORKSPACES);
                Duration writing = Duration.ofMillis(Math.round(backlog * WORKSPACES * 1000 / BACKLOG_RATE));
                LatencyRecorder.Snapshot writes =
                        OpenLoop.run(BACKLOG_RATE, writing, 256, backlogWrites(setup, measuredPrefix, accepted));
                long acceptedTotal = sum(accepted);
                awaitPositioned(sql, positionedBefore + acceptedTotal);
                System.out.printf("node B killed; %d writes stored while its clients were away%n", acceptedTotal);

                Map<String, Long> expected = new LinkedHashMap<>();
                for (int w = 0; w < WORKSPACES; w++) {
                    expected.put(BroadcastSetup.stream(setup.workspaces().get(w)), accepted.get(w));
                }
                AtomicLong replaysWaitingPeak = new AtomicLong();
                ScheduledExecutorService replays = Executors.newSingleThreadScheduledExecutor();
                replays.scheduleAtFixedRate(
                        () -> sampleReplays(nodeA, replaysWaitingPeak), 0, 100, TimeUnit.MILLISECONDS);
                nodeA.sampling(true);
                StormReport storm;
                Map<String, Object> load;
                try (DatabaseLoad databaseLoad = DatabaseLoad.start(context.infra(), url, database)) {
                    for (GeneratorProcess generator : generators) {
                        generator.storm(1, expected, PATIENCE);
                    }
                    List<StormReport> reports = new ArrayList<>();
                    for (GeneratorProcess generator : generators) {
                        reports.add(generator.stormResult(PATIENCE.plusMinutes(1)));
                    }
                    storm = StormReport.merge(reports);
                    load = databaseLoad.stop();
                } finally {
                    replays.shutdownNow();
                    nodeA.sampling(false);
                }
                double seconds = storm.toCaughtUpHistogram().getMaxValue() / 1e6;
                steps.add(StepResult.of(
                        "backlog: create task via node A",
                        "open",
                        BACKLOG_RATE,
                        256,
                        writing.toMillis() / 1000.0,
                        writes));
                steps.add(new StepResult(
                        "storm: caught up",
                        "broadcast",
                        0,
                        storm.asked(),
                        seconds,
                        storm.caughtUp(),
                        storm.asked() - storm.caughtUp(),
                        Math.round(storm.delivered() / Math.max(seconds, 0.001) * 10) / 10.0,
                        Latency.of(storm.toCaughtUpHistogram()),
                        Latency.of(storm.toSubscribedHistogram())));
                summary.put("clients", clients);
                summary.put("workspaces", WORKSPACES);
                summary.put("backlogPerStream", backlog);
                summary.put("subscribedBefore", fleet.subscribed());
                summary.put("writesAccepted", acceptedTotal);
                summary.put("writeErrors", writes.errors());
                summary.put("storm", storm);
                summary.put("allCaughtUpSeconds", Math.round(seconds * 100) / 100.0);
                summary.put("database", load);
                summary.put("replaysWaitingPeak", replaysWaitingPeak.get());
                summary.put("serverA", nodeA.usage());
            } finally {
                generators.forEach(GeneratorProcess::close);
            }
            return result(context, started, steps, (ServerSample) summary.get("serverA"), summary);
        } finally {
            context.infra().dropDatabase(database);
        }
    }

    /** Task creates round robin over the workspaces, counted per workspace when the server accepted them. */
    private static Call backlogWrites(BroadcastSetup setup, String prefix, AtomicLongArray accepted) {
        return index -> {
            int w = (int) (index % WORKSPACES);
            boolean created = setup.writer()
                            .createTask(
                                    setup.workspaces().get(w),
                                    setup.projects().get(w),
                                    "Missed " + index,
                                    prefix + index)
                    != null;
            if (created) {
                accepted.incrementAndGet(w);
            }
            return created;
        };
    }

    /** Events on the workspace streams that the relay has given positions (and stored in the replay log). */
    private static long positioned(Connection sql) throws Exception {
        try (PreparedStatement statement = sql.prepareStatement(POSITIONED);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The storm is about replay: it starts once the relay has logged every write made while the clients were away. */
    private static void awaitPositioned(Connection sql, long target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (positioned(sql) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the relay did not log the backlog's events within 60 s");
            }
            Thread.sleep(100);
        }
    }

    private static void sampleReplays(ServerProcess node, AtomicLong peak) {
        try {
            double waiting = node.metric("taskmesh.realtime.replays.waiting", null);
            if (!Double.isNaN(waiting)) {
                peak.accumulateAndGet(Math.round(waiting), Math::max);
            }
        } catch (Exception e) {
            // a sample the busy node did not answer in time: the others make the peak
        }
    }

    private static long sum(AtomicLongArray counts) {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    @Override
    @SuppressWarnings("unchecked")
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        StormReport storm = (StormReport) s.get("storm");
        Map<String, Object> db = (Map<String, Object>) s.get("database");
        StepResult caughtUp = result.steps().stream()
                .filter(step -> step.kind().equals("broadcast"))
                .findFirst()
                .orElseThrow();
        Map<String, Latency> distributions = new LinkedHashMap<>();
        distributions.put("subscription confirmed", caughtUp.serviceLatency());
        distributions.put("every missed event received", caughtUp.latency());
        ServerSample a = (ServerSample) s.get("serverA");
        return """
                %s clients over %s workspaces subscribed on node B; node B killed; %s task creates through node A \
                while they were away (%s per workspace stream); then every client reconnected to node A at once \
                with `since` its last position.

                **All %s of %s clients caught up in %s s**: every missed event received %s, %s duplicates, \
                %s holes, %s resets, %s error frames; %s could not connect, %s got no subscription, %s closed before \
                catching up (%s sockets were still open when the storm began).

                Times from the moment the clients began to reconnect:

                %s
                Database during the storm (%s s): PostgreSQL's processes used **%s %% CPU** (100 = one core), at \
                most **%s** backends ran a statement at once (%s on average), %s transactions, %s rows returned and \
                %s fetched, %s blocks read from disk and %s from cache. Node A: CPU %s %% average, %s %% peak; at most \
                %s replays waited for a turn (the default cap is 8 at once).

                %s""".formatted(
                        s.get("clients"),
                        s.get("workspaces"),
                        s.get("writesAccepted"),
                        s.get("backlogPerStream"),
                        storm.caughtUp(),
                        storm.asked(),
                        s.get("allCaughtUpSeconds"),
                        storm.delivered() == storm.expected() ? "exactly once, in order" : "only partly",
                        storm.duplicates(),
                        storm.holes(),
                        storm.resets(),
                        storm.errorFrames(),
                        storm.connectFailures(),
                        storm.subscribeFailures(),
                        storm.closedEarly(),
                        storm.stillOpen(),
                        Tables.distributions(storm.asked(), distributions),
                        db.get("seconds"),
                        db.get("postgresCpuPercent"),
                        db.get("activeBackendsPeak"),
                        db.get("activeBackendsMean"),
                        db.get("transactions"),
                        db.get("rowsReturned"),
                        db.get("rowsFetched"),
                        db.get("blocksRead"),
                        db.get("blocksHit"),
                        a.cpuPercentAvg(),
                        a.cpuPercentMax(),
                        s.get("replaysWaitingPeak"),
                        Tables.steps(result.steps()));
    }
}
