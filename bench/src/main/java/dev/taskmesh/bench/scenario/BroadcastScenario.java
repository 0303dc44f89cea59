package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.Latency;
import dev.taskmesh.bench.record.LatencyRecorder;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.ServerSample;
import dev.taskmesh.bench.record.StepResult;
import dev.taskmesh.bench.ws.EpochMicros;
import dev.taskmesh.bench.ws.FleetStatus;
import dev.taskmesh.bench.ws.GeneratorConfig;
import dev.taskmesh.bench.ws.GeneratorProcess;
import dev.taskmesh.bench.ws.GeneratorReport;
import dev.taskmesh.bench.ws.WsFleet;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Realtime fan-out across two nodes: WebSocket clients spread evenly over the workspaces, each subscribed to its
 * workspace's stream, half connected to node A and half to node B, while task creates arrive through node A at a
 * fixed rate. Two shapes run it: {@code broadcast} (the streams issue's 1,000 clients over 20 workspaces at 100
 * writes/s) and {@code broadcast-at-scale} (10,000 clients over 100 workspaces at 200 writes/s). Every frame of a measured write is timed from the write's HTTP response and from its send, and every
 * client's stream is checked to step by one, with each write's frame arriving exactly once. The servers' stage
 * timers say where the time went; raw Redis publish-to-subscriber, measured in the same run, is the floor.
 */
public final class BroadcastScenario implements Scenario {

    static final double P50_TARGET_MS = 10;
    static final double P99_TARGET_MS = 25;
    private static final int MEMBERS = 20;
    private static final double REDIS_RATE = 1_000;
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Duration PROBE = Duration.ofSeconds(10);

    private final String name;
    private final int workspaces;
    private final double writeRate;
    private final int fullClients;
    private final int shortClients;

    private BroadcastScenario(String name, int workspaces, double writeRate, int fullClients, int shortClients) {
        this.name = name;
        this.workspaces = workspaces;
        this.writeRate = writeRate;
        this.fullClients = fullClients;
        this.shortClients = shortClients;
    }

    /** The streams issue's shape: 1,000 clients over 20 workspaces, 100 writes/s. */
    public static BroadcastScenario streams() {
        return new BroadcastScenario("broadcast", 20, 100, 1_000, 200);
    }

    /** The scale issue's shape: 10,000 clients over 100 workspaces, 200 writes/s. */
    public static BroadcastScenario atScale() {
        return new BroadcastScenario("broadcast-at-scale", 100, 200, 10_000, 2_000);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        String run = "bc" + Long.toString(started.getEpochSecond(), 36);
        String measuredPrefix = run + "-m-";
        String database = "bench_" + name.replace('-', '_') + "_" + started.getEpochSecond();
        String url = context.infra().createDatabase(database);
        int clients = context.full() ? fullClients : shortClients;
        Duration measured = context.full() ? Duration.ofSeconds(90) : Duration.ofSeconds(30);
        // short mode spreads its few clients over two processes, so the multi-process path is always exercised; full
        // mode uses no more processes than the connection count needs: every extra JVM on this machine's two cores
        // takes CPU from the servers it measures
        int needed = (clients + WsFleet.MAX_CONNECTIONS - 1) / WsFleet.MAX_CONNECTIONS;
        int processes = context.full() ? needed : Math.max(2, needed);
        Map<String, String> env = BroadcastSetup.nodeEnv(context.infra(), url, clients);
        Map<String, Object> summary = new LinkedHashMap<>();
        List<StepResult> steps = new ArrayList<>();
        try (ServerProcess nodeA = ServerProcess.start(
                        context.serverJar(), env, context.outDir().resolve(name + "-node-a.log"));
                ServerProcess nodeB = ServerProcess.start(
                        context.serverJar(), env, context.outDir().resolve(name + "-node-b.log"))) {
            BroadcastSetup setup = BroadcastSetup.create(nodeA.base(), run, workspaces, MEMBERS);
            List<GeneratorConfig> configs =
                    configs(setup, measuredPrefix, List.of(webSocket(nodeA), webSocket(nodeB)), clients, processes);
            List<GeneratorProcess> generators = new ArrayList<>();
            try {
                for (int p = 0; p < processes; p++) {
                    generators.add(GeneratorProcess.start(
                            configs.get(p), context.outDir().resolve(name + "-generator-" + p + ".log")));
                }
                FleetStatus fleet = awaitReady(generators, clients);
                System.out.printf(
                        "%d of %d clients subscribed in %.1f s (%d connect failures)%n",
                        fleet.subscribed(), fleet.asked(), fleet.seconds(), fleet.connectFailures());

                // warm-up writes carry another prefix: their frames are checked for order, not timed or expected
                LatencyRecorder.Snapshot warmUp = OpenLoop.run(writeRate, WARM_UP, 512, writes(setup, run + "-w-"));
                awaitFirstFrames(generators, warmUp);

                Map<String, StageMetrics.Reading> stagesA = StageMetrics.read(nodeA.management());
                Map<String, StageMetrics.Reading> stagesB = StageMetrics.read(nodeB.management());
                nodeA.sampling(true);
                nodeB.sampling(true);
                AtomicLongArray accepted = new AtomicLongArray(workspaces);
                LatencyRecorder.Snapshot writes = OpenLoop.run(
                        writeRate, measured, 512, timedWrites(setup, measuredPrefix, accepted, generators));
                nodeA.sampling(false);
                nodeB.sampling(false);
                GeneratorReport report = collect(generators, setup, accepted);
                // read after the drain, so that the last writes' frames are in the stage counts too
                List<Map<String, Object>> stages = new ArrayList<>();
                stages.addAll(StageMetrics.window("A", stagesA, StageMetrics.read(nodeA.management())));
                stages.addAll(StageMetrics.window("B", stagesB, StageMetrics.read(nodeB.management())));
                double seconds = measured.toMillis() / 1000.0;
                steps.add(StepResult.of("create task via node A", "open", writeRate, 512, seconds, writes));
                steps.add(frames("broadcast frame", writeRate, report, fleet.subscribed(), seconds));
                summarise(summary, clients, processes, seconds, fleet, writes, report, steps.getLast());
                summary.put("stages", stages);
                summary.put("serverA", nodeA.usage());
                summary.put("serverB", nodeB.usage());
            } finally {
                generators.forEach(GeneratorProcess::close);
            }
            StepResult redis = StepResult.of(
                    "redis publish→subscriber",
                    "yardstick",
                    REDIS_RATE,
                    1,
                    context.step().toMillis() / 1000.0,
                    RawRedis.publishToSubscriber(context.infra().redisUrl(), REDIS_RATE, context.step()));
            steps.add(redis);
            summary.put("redisP50Ms@1000/s", redis.latency().p50());
            summary.put("redisP99Ms@1000/s", redis.latency().p99());
            return result(context, started, steps, (ServerSample) summary.get("serverA"), summary);
        } finally {
            context.infra().dropDatabase(database);
        }
    }

    /**
     * Client i watches workspace i mod the workspace count and connects to node A or B in turn within its workspace, so each
     * workspace has half its clients on each node; the clients are dealt to the processes round robin.
     */
    static List<GeneratorConfig> configs(
            BroadcastSetup setup, String measuredPrefix, List<String> urls, int clients, int processes) {
        List<List<GeneratorConfig.Target>> targets = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            targets.add(new ArrayList<>());
        }
        int workspaces = setup.workspaces().size();
        for (int i = 0; i < clients; i++) {
            int round = i / workspaces;
            targets.get(i % processes)
                    .add(new GeneratorConfig.Target(
                            round % urls.size(),
                            round % setup.tokens().size(),
                            BroadcastSetup.stream(setup.workspaces().get(i % workspaces))));
        }
        List<GeneratorConfig> configs = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            configs.add(new GeneratorConfig(measuredPrefix, p, urls, setup.tokens(), targets.get(p)));
        }
        return configs;
    }

    /** Fails the run when the protocol does not work: a client without a subscription confirmed in time. */
    static FleetStatus awaitReady(List<GeneratorProcess> generators, int clients) throws Exception {
        // a batch of handshakes in flight can take three connect attempts and a subscribe timeout
        Duration patience = Duration.ofSeconds(60 + 45L * (clients / 200 + 1));
        List<FleetStatus> statuses = new ArrayList<>();
        for (GeneratorProcess generator : generators) {
            statuses.add(generator.awaitReady(patience));
        }
        FleetStatus fleet = FleetStatus.merge(statuses);
        if (fleet.subscribed() == 0 || fleet.subscribeFailures() > 0) {
            throw new IllegalStateException("WebSocket protocol failure: %d of %d clients subscribed, %d without a "
                            .formatted(fleet.subscribed(), fleet.asked(), fleet.subscribeFailures())
                    + "subscription confirmed within 10 s, %d could not connect; for example %s"
                            .formatted(fleet.connectFailures(), fleet.failures()));
        }
        return fleet;
    }

    /** Fails the run when the warm-up's writes reached no client at all: events are not delivered. */
    static void awaitFirstFrames(List<GeneratorProcess> generators, LatencyRecorder.Snapshot warmUp)
            throws InterruptedException {
        long deadline = System.nanoTime() + PROBE.toNanos();
        long events = 0;
        while (events == 0 && System.nanoTime() < deadline) {
            for (GeneratorProcess generator : generators) {
                events += generator.events(PROBE);
            }
            if (events == 0) {
                // the warm-up's last frames may still be on their way: ask again in a tenth of a second
                Thread.sleep(100);
            }
        }
        if (events == 0) {
            throw new IllegalStateException(
                    "WebSocket protocol failure: %d warm-up writes were accepted, yet no ".formatted(warmUp.completed())
                            + "event frame reached any client within " + PROBE.toSeconds() + " s");
        }
    }

    /** Task creates round robin over the workspaces, each with its own X-Request-Id. */
    static Call writes(BroadcastSetup setup, String prefix) {
        return index -> {
            int w = (int) (index % setup.workspaces().size());
            return setup.writer()
                            .createTask(
                                    setup.workspaces().get(w),
                                    setup.projects().get(w),
                                    "Warm-up " + index,
                                    prefix + index)
                    != null;
        };
    }

    /** Measured task creates: each write's send and response times go to every generator, which time its frames. */
    static Call timedWrites(
            BroadcastSetup setup, String prefix, AtomicLongArray accepted, List<GeneratorProcess> generators) {
        return index -> {
            int w = (int) (index % setup.workspaces().size());
            String requestId = prefix + index;
            long sent = EpochMicros.now();
            setup.writer()
                    .createTask(setup.workspaces().get(w), setup.projects().get(w), "Broadcast " + index, requestId);
            long answered = EpochMicros.now();
            accepted.incrementAndGet(w);
            for (GeneratorProcess generator : generators) {
                generator.written(requestId, sent, answered);
            }
            return true;
        };
    }

    /** Every client should have one frame per accepted write to its workspace; the generators drain together. */
    static GeneratorReport collect(List<GeneratorProcess> generators, BroadcastSetup setup, AtomicLongArray accepted)
            throws InterruptedException {
        Map<String, Long> expected = new LinkedHashMap<>();
        for (int w = 0; w < setup.workspaces().size(); w++) {
            expected.put(BroadcastSetup.stream(setup.workspaces().get(w)), accepted.get(w));
        }
        for (GeneratorProcess generator : generators) {
            generator.finish(expected, DRAIN);
        }
        List<GeneratorReport> reports = new ArrayList<>();
        for (GeneratorProcess generator : generators) {
            reports.add(generator.result(DRAIN.plusSeconds(30)));
        }
        return GeneratorReport.merge(reports);
    }

    /** The frames the generators received, as a step: delivered, lost or doubled, and their latency. */
    static StepResult frames(String name, double writeRate, GeneratorReport report, int subscribed, double seconds) {
        return new StepResult(
                name,
                "broadcast",
                writeRate,
                subscribed,
                seconds,
                report.delivered(),
                report.missing() + report.duplicates() + report.holes(),
                Math.round(report.delivered() / seconds * 10) / 10.0,
                Latency.of(report.fromResponseHistogram()),
                Latency.of(report.fromSendHistogram()));
    }

    private void summarise(
            Map<String, Object> summary,
            int clients,
            int processes,
            double seconds,
            FleetStatus fleet,
            LatencyRecorder.Snapshot writes,
            GeneratorReport report,
            StepResult frames) {
        boolean clean = report.missing() == 0
                && report.duplicates() == 0
                && report.holes() == 0
                && report.closedEarly() == 0
                && fleet.connectFailures() == 0
                && writes.errors() == 0;
        summary.put("frameP50FromResponseMs", frames.latency().p50());
        summary.put("frameP99FromResponseMs", frames.latency().p99());
        summary.put("frameP50FromSendMs", frames.serviceLatency().p50());
        summary.put("frameP99FromSendMs", frames.serviceLatency().p99());
        summary.put(
                "meetsTarget",
                clean
                        && frames.latency().p50() <= P50_TARGET_MS
                        && frames.latency().p99() <= P99_TARGET_MS);
        summary.put("clients", clients);
        summary.put("workspaces", workspaces);
        summary.put("generatorProcesses", processes);
        summary.put("writeRate", writeRate);
        summary.put("measuredSeconds", seconds);
        summary.put("writesAccepted", writes.completed());
        summary.put("writeErrors", writes.errors());
        Map<String, Object> connections = new LinkedHashMap<>();
        connections.put("asked", fleet.asked());
        connections.put("subscribed", fleet.subscribed());
        connections.put("connectFailures", fleet.connectFailures());
        connections.put("secondsToConnect", fleet.seconds());
        connections.put("closedEarly", report.closedEarly());
        connections.put("socketErrors", report.socketErrors());
        summary.put("connections", connections);
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("expected", report.expected());
        delivery.put("delivered", report.delivered());
        delivery.put("duplicates", report.duplicates());
        delivery.put("holes", report.holes());
        delivery.put("missing", report.missing());
        delivery.put("extra", report.extra());
        delivery.put("resets", report.resets());
        delivery.put("beforeSubscribed", report.early());
        delivery.put("errorFrames", report.errorFrames());
        delivery.put("badFrames", report.badFrames());
        delivery.put("untimed", report.unmatched());
        summary.put("frames", delivery);
    }

    static String webSocket(ServerProcess node) {
        URI base = node.base();
        return "ws://" + base.getHost() + ":" + base.getPort() + "/ws";
    }

    @Override
    @SuppressWarnings("unchecked")
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        Map<String, Object> frames = (Map<String, Object>) s.get("frames");
        Map<String, Object> connections = (Map<String, Object>) s.get("connections");
        StepResult broadcast = result.steps().stream()
                .filter(step -> step.kind().equals("broadcast"))
                .findFirst()
                .orElseThrow();
        Map<String, Latency> distributions = new LinkedHashMap<>();
        distributions.put("the write's HTTP response", broadcast.latency());
        distributions.put("the write's send", broadcast.serviceLatency());
        return """
                %s clients over %s workspaces, each subscribed to its workspace's stream, half on node A and half on \
                node B, in %s generator process(es); %.0f task creates/s through node A, round robin over the \
                workspaces, for %.0f s after %d s of warm-up. Frame latency from the command's HTTP response: p50 \
                **%s ms**, p99 **%s ms** (target p50 ≤ %.0f ms, p99 ≤ %.0f ms, every frame once and in order: **%s**); \
                from the request's send: p50 %s ms, p99 %s ms.

                %s
                Delivery: %s frames expected, %s delivered exactly once in order; %s duplicates, %s holes, %s \
                missing, %s beyond the accepted writes, %s error frames. Connections: %s of %s subscribed in %s s, \
                %s connect failures, %s closed before the end. Writes: %s accepted, %s errors.

                Where the time goes (the servers' stage timers over the measured window; the relay's timers exist on \
                the node that runs it):

                %s
                | node | role | CPU avg %% | CPU peak %% | RSS MiB peak | heap MiB peak |
                | --- | --- | --- | --- | --- | --- |
                %s
                %s

                Raw Redis PUBLISH → subscriber in the same run, %.0f/s: p50 %s ms, p99 %s ms.

                %s""".formatted(
                        s.get("clients"),
                        s.get("workspaces"),
                        s.get("generatorProcesses"),
                        writeRate,
                        s.get("measuredSeconds"),
                        WARM_UP.toSeconds(),
                        s.get("frameP50FromResponseMs"),
                        s.get("frameP99FromResponseMs"),
                        P50_TARGET_MS,
                        P99_TARGET_MS,
                        Boolean.TRUE.equals(s.get("meetsTarget")) ? "met" : "not met",
                        s.get("frameP50FromSendMs"),
                        s.get("frameP99FromSendMs"),
                        Tables.distributions(broadcast.requests(), distributions),
                        frames.get("expected"),
                        frames.get("delivered"),
                        frames.get("duplicates"),
                        frames.get("holes"),
                        frames.get("missing"),
                        frames.get("extra"),
                        frames.get("errorFrames"),
                        connections.get("subscribed"),
                        connections.get("asked"),
                        connections.get("secondsToConnect"),
                        connections.get("connectFailures"),
                        connections.get("closedEarly"),
                        s.get("writesAccepted"),
                        s.get("writeErrors"),
                        StageMetrics.table((List<Map<String, Object>>) s.get("stages")),
                        serverRow("A", "writes, half the clients", (ServerSample) s.get("serverA")),
                        serverRow("B", "half the clients", (ServerSample) s.get("serverB")),
                        REDIS_RATE,
                        s.get("redisP50Ms@1000/s"),
                        s.get("redisP99Ms@1000/s"),
                        Tables.steps(result.steps()));
    }

    private static String serverRow(String node, String role, ServerSample sample) {
        return "| %s | %s | %s | %s | %s | %s |"
                .formatted(
                        node,
                        role,
                        sample.cpuPercentAvg(),
                        sample.cpuPercentMax(),
                        sample.rssMbMax(),
                        sample.heapMbMax());
    }
}
