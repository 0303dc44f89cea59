package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.client.TaskMeshClient;
import dev.taskmesh.bench.infra.BenchInfrastructure;
import dev.taskmesh.bench.infra.OwnServices;
import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.Latency;
import dev.taskmesh.bench.record.LatencyRecorder;
import dev.taskmesh.bench.record.Plots;
import dev.taskmesh.bench.record.Plots.Line;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.StepResult;
import dev.taskmesh.bench.record.TimeSeries;
import dev.taskmesh.bench.ws.FleetStatus;
import dev.taskmesh.bench.ws.GeneratorConfig;
import dev.taskmesh.bench.ws.GeneratorProcess;
import dev.taskmesh.bench.ws.GeneratorReport;
import dev.taskmesh.bench.ws.WsFleet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * A working day compressed: one node with thousands of WebSocket clients (full: 10,000 over two generator processes;
 * short: 1,000; {@code TASKMESH_BENCH_CONNECTIONS} overrides) while writes, task reads, searches, feed reads and
 * notification reads arrive together at fixed rates, for ten minutes (short: one). Each kind's latency is recorded
 * second by second, and the node's heap, threads and connections are sampled throughout; afterwards the soak check:
 * once the clients have gone, the heap after a full collection, the live threads and the connections must be back at
 * the baseline taken before they came. The yardsticks of the same run, on the same PostgreSQL and Redis: a raw
 * event-row insert and commit, and a raw Redis publish to a subscriber.
 */
public final class MixedScenario implements Scenario {

    /**
     * Heap after a full collection may end this much above its baseline: caches filled by the load are kept. Beside
     * them, Tomcat keeps the buffers of closed connections for the next ones, up to a thirty-second of the maximum
     * heap (its {@code socket.bufferPoolSize} default): 192 MB of a 6 GB heap, all of it after 10,000 clients left.
     */
    private static final double HEAP_SLACK_MB = 64;

    private static final double HEAP_SLACK_RATIO = 0.25;
    /** Live threads may end this many above their baseline: a pool's core threads, started by the load, stay. */
    private static final int THREAD_SLACK = 16;
    /** Pools that grew under load shrink after their keep-alive (Tomcat's: 60 s): the soak check waits that long. */
    private static final Duration SETTLING = Duration.ofSeconds(90);

    /** The kinds of request, each with its rate (per second, full mode; short mode runs a fifth of it). */
    private enum Kind {
        WRITE("write (create, assign, move, comment)", 50),
        TASK_READ("task read (a task, or a board page)", 100),
        SEARCH("search", 25),
        FEED("feed read", 50),
        NOTIFICATIONS("notification read", 50);

        final String label;
        final double fullRate;

        Kind(String label, double fullRate) {
            this.label = label;
            this.fullRate = fullRate;
        }
    }

    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        String run = "mx" + Long.toString(started.getEpochSecond(), 36);
        boolean full = context.full();
        int clients = context.size("TASKMESH_BENCH_CONNECTIONS", 10_000, 1_000);
        int workspaces = full ? 50 : 10;
        int members = full ? 20 : 5;
        Duration load = full ? Duration.ofMinutes(10) : Duration.ofMinutes(1);
        Duration seed = full ? Duration.ofSeconds(40) : Duration.ofSeconds(10);
        int bucket = full ? 10 : 2;
        Map<String, Object> summary = new LinkedHashMap<>();
        List<StepResult> steps = new ArrayList<>();
        try (OwnServices own = OwnServices.start()) {
            BenchInfrastructure infra = own.infra();
            String url = infra.createDatabase("bench_mixed");
            ServerProcess node = ServerProcess.start(
                    context.serverJar(),
                    BroadcastSetup.nodeEnv(infra, url, clients),
                    context.outDir().resolve("mixed-node.log"));
            List<GeneratorProcess> generators = new ArrayList<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            try {
                BroadcastSetup setup = BroadcastSetup.create(node.base(), run, workspaces, members);
                CommandMix mix = new CommandMix(setup, List.of(setup.writer()), run);
                // the seed is the warm-up: tasks to read and search, comments and notifications to list
                long seeded = Math.round(100 * seed.toSeconds());
                OpenLoop.run(100, seed, 1_024, mix.call(0));
                Projections.awaitIdle(infra, url);
                Resources baseline = Resources.at(node);
                System.out.printf(
                        "seeded %d commands; baseline %s%n", mix.acked().size(), baseline);

                int processes = Math.max(1, (clients + WsFleet.MAX_CONNECTIONS - 1) / WsFleet.MAX_CONNECTIONS);
                List<String> urls = List.of(BroadcastScenario.webSocket(node));
                for (GeneratorConfig config : BroadcastScenario.configs(setup, run + "-c", urls, clients, processes)) {
                    generators.add(GeneratorProcess.start(
                            config, context.outDir().resolve("mixed-generator-" + config.process() + ".log")));
                }
                FleetStatus fleet = BroadcastScenario.awaitReady(generators, clients);
                // as real clients do: a socket the node closes (a slow consumer's 4408) comes back with `since`
                generators.forEach(GeneratorProcess::follow);
                System.out.printf("%d clients subscribed in %.1f s%n", fleet.subscribed(), fleet.seconds());

                AtomicLongArray created = new AtomicLongArray(workspaces);
                mix.onCreated((key, w, sent, answered) -> {
                    created.incrementAndGet(w);
                    for (GeneratorProcess generator : generators) {
                        generator.written(key, sent, answered);
                    }
                });
                long loadStart = System.nanoTime();
                Map<Kind, TimeSeries> series = new LinkedHashMap<>();
                Map<Kind, Call> calls = calls(mix, setup, node, seeded);
                List<double[]> heap = new ArrayList<>();
                List<double[]> threads = new ArrayList<>();
                List<double[]> sockets = new ArrayList<>();
                List<double[]> database = new ArrayList<>();
                TimeSeries clock = new TimeSeries(loadStart);
                sampler.scheduleAtFixedRate(
                        () -> {
                            Resources now = Resources.sampled(node);
                            double t = clock.at(System.nanoTime());
                            synchronized (heap) {
                                heap.add(new double[] {t, now.heapMb()});
                                threads.add(new double[] {t, now.threads()});
                                sockets.add(new double[] {t, now.webSockets()});
                                database.add(new double[] {t, now.databaseConnections()});
                            }
                        },
                        0,
                        1,
                        TimeUnit.SECONDS);
                node.sampling(true);
                Map<Kind, CompletableFuture<LatencyRecorder.Snapshot>> running = new LinkedHashMap<>();
                try (ExecutorService loops = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (Kind kind : Kind.values()) {
                        double rate = full ? kind.fullRate : kind.fullRate / 5;
                        TimeSeries kindSeries = new TimeSeries(loadStart);
                        series.put(kind, kindSeries);
                        running.put(
                                kind,
                                CompletableFuture.supplyAsync(
                                        () -> OpenLoop.run(rate, load, 1_024, calls.get(kind), kindSeries), loops));
                    }
                }
                node.sampling(false);
                for (Kind kind : Kind.values()) {
                    steps.add(StepResult.of(
                            kind.label,
                            "open",
                            full ? kind.fullRate : kind.fullRate / 5,
                            1_024,
                            load.toSeconds(),
                            running.get(kind).join()));
                }
                GeneratorReport frames = BroadcastScenario.collect(generators, setup, created);
                steps.add(BroadcastScenario.frames(
                        "frames of the task creates (from the write's response)",
                        full ? Kind.WRITE.fullRate : Kind.WRITE.fullRate / 5,
                        frames,
                        fleet.subscribed(),
                        load.toSeconds()));
                generators.forEach(GeneratorProcess::close);
                generators.clear();
                Resources after = Resources.settled(node, baseline, SETTLING);
                Map<String, Object> soak =
                        soak(baseline, after, node.metric("jvm.memory.max", "area:heap") / (1024 * 1024));
                if (soak.containsValue(false)) {
                    // what the node still holds, while it still runs: the first thing to read when the check fails
                    Path histogram = context.outDir().resolve("mixed-" + context.mode() + "-heap-histogram.txt");
                    node.classHistogram(histogram);
                    summary.put("heapHistogram", histogram.getFileName().toString());
                }
                sampler.shutdownNow();

                StepResult rawInsert = YardstickScenario.postgres(context, url, 4);
                LatencyRecorder.Snapshot rawPublish =
                        RawRedis.publishToSubscriber(own.redis().url(), 500, context.step());
                StepResult rawBus = StepResult.of(
                        "yardstick: Redis publish to subscriber",
                        "yardstick",
                        500,
                        1,
                        context.step().toSeconds(),
                        rawPublish);
                double readRate = full ? Kind.TASK_READ.fullRate : Kind.TASK_READ.fullRate / 5;
                StepResult rawRead = StepResult.of(
                        "yardstick: PostgreSQL read of one task row by key",
                        "yardstick",
                        readRate,
                        4,
                        context.step().toSeconds(),
                        RawPostgres.readByKey(infra, url, readRate, context.step()));
                steps.add(rawInsert);
                steps.add(rawRead);
                steps.add(rawBus);

                StepResult write = steps.getFirst();
                StepResult broadcast = steps.get(Kind.values().length);
                summary.put("clients", fleet.subscribed());
                summary.put("workspaces", workspaces);
                summary.put("minutes", load.toMinutes());
                summary.put("acknowledged", mix.acked().size());
                summary.put("frames", frames);
                Map<String, Object> ratios = new LinkedHashMap<>();
                ratios.put(
                        "writeP50OverRawInsert",
                        Tables.ratio(write.latency().p50(), rawInsert.latency().p50()));
                ratios.put(
                        "writeP99OverRawInsert",
                        Tables.ratio(write.latency().p99(), rawInsert.latency().p99()));
                for (int k = 1; k < Kind.values().length; k++) {
                    Latency read = steps.get(k).latency();
                    String kind = Kind.values()[k].name();
                    ratios.put(
                            kind + "p50OverRawRead",
                            Tables.ratio(read.p50(), rawRead.latency().p50()));
                    ratios.put(
                            kind + "p99OverRawRead",
                            Tables.ratio(read.p99(), rawRead.latency().p99()));
                }
                ratios.put(
                        "frameP50OverRawPublish",
                        Tables.ratio(broadcast.latency().p50(), rawBus.latency().p50()));
                ratios.put(
                        "frameP99OverRawPublish",
                        Tables.ratio(broadcast.latency().p99(), rawBus.latency().p99()));
                summary.put("ratios", ratios);
                summary.put("baseline", baseline);
                summary.put("after", after);
                summary.put("soak", soak);
                summary.put("server", node.usage());

                Map<String, Histogram> distributions = new LinkedHashMap<>();
                series.forEach((kind, s) -> distributions.put(kind.label, s.total()));
                distributions.put("frame, from the write's response", frames.fromResponseHistogram());
                List<Line> p99 = new ArrayList<>();
                List<Line> throughput = new ArrayList<>();
                series.forEach((kind, s) -> {
                    List<TimeSeries.Point> points = s.points(bucket);
                    p99.add(new Line(
                            kind.label,
                            points.stream()
                                    .map(p -> new double[] {p.t(), p.p99Ms()})
                                    .toList()));
                    throughput.add(new Line(
                            kind.label,
                            points.stream()
                                    .map(p -> new double[] {p.t(), p.perSecond()})
                                    .toList()));
                });
                List<String> plots = new ArrayList<>();
                plots.add(Tables.plotted(Plots.percentiles(
                        context.plot(name(), "percentiles"),
                        "mixed: latency by percentile, whole run",
                        distributions)));
                plots.add(Tables.plotted(Plots.overTime(
                        context.plot(name(), "p99"), "mixed: p99 latency per " + bucket + " s", "ms", p99, List.of())));
                plots.add(Tables.plotted(Plots.overTime(
                        context.plot(name(), "throughput"),
                        "mixed: requests per second",
                        "requests / s",
                        throughput,
                        List.of())));
                synchronized (heap) {
                    plots.add(Tables.plotted(Plots.overTime(
                            context.plot(name(), "connections"),
                            "mixed: the node's WebSocket connections",
                            "connections",
                            List.of(new Line("WebSocket connections", sockets)),
                            List.of())));
                    plots.add(Tables.plotted(Plots.overTime(
                            context.plot(name(), "heap"),
                            "mixed: the node's heap in use, live threads, database connections in use",
                            "MB / threads / connections",
                            List.of(
                                    new Line("heap in use (MB)", heap),
                                    new Line("live threads", threads),
                                    new Line("database connections in use", database)),
                            List.of())));
                }
                summary.put("plots", plots);
                return result(context, infra, started, steps, node.usage(), summary);
            } finally {
                sampler.shutdownNow();
                generators.forEach(GeneratorProcess::close);
                node.close();
            }
        }
    }

    private static Map<Kind, Call> calls(CommandMix mix, BroadcastSetup setup, ServerProcess node, long seeded) {
        List<TaskMeshClient> readers = setup.tokens().stream()
                .map(token -> TaskMeshClient.withToken(node.base(), token))
                .toList();
        int workspaces = setup.workspaces().size();
        Map<Kind, Call> calls = new LinkedHashMap<>();
        calls.put(Kind.WRITE, mix.call(seeded));
        calls.put(Kind.TASK_READ, index -> {
            int w = (int) (index % workspaces);
            TaskMeshClient reader = readers.get((int) (index % readers.size()));
            String ws = setup.workspaces().get(w);
            List<String> tasks = mix.tasks(w);
            if (index % 2 == 0 && !tasks.isEmpty()) {
                reader.get("/api/workspaces/" + ws + "/tasks/" + tasks.get((int) (index / 2 % tasks.size())));
            } else {
                reader.get("/api/workspaces/" + ws + "/projects/"
                        + setup.projects().get(w) + "/tasks?limit=50");
            }
            return true;
        });
        calls.put(Kind.SEARCH, index -> {
            List<String> words = CommandMix.WORDS;
            String query = index % 3 == 0
                    ? words.get((int) (index % 10)) + " " + words.get((int) (index / 10 % 10))
                    : words.get((int) (index % 10)).substring(0, 4);
            readers.get((int) (index % readers.size()))
                    .get("/api/workspaces/" + setup.workspaces().get((int) (index % workspaces)) + "/search?limit=20&q="
                            + URLEncoder.encode(query, StandardCharsets.UTF_8));
            return true;
        });
        calls.put(Kind.FEED, index -> {
            readers.get((int) (index % readers.size())).get("/api/me/feed?limit=20");
            return true;
        });
        calls.put(Kind.NOTIFICATIONS, index -> {
            readers.get((int) (index % readers.size())).get("/api/me/notifications?limit=20");
            return true;
        });
        return calls;
    }

    /** The soak check: what the node holds once the clients have gone, against what it held before they came. */
    private static Map<String, Object> soak(Resources before, Resources after, double maxHeapMb) {
        double channelCacheMb = maxHeapMb / 32;
        double heapLimit =
                before.heapMb() + Math.max(HEAP_SLACK_MB, before.heapMb() * HEAP_SLACK_RATIO) + channelCacheMb;
        Map<String, Object> soak = new LinkedHashMap<>();
        soak.put("tomcatChannelCacheMb", Math.round(channelCacheMb));
        soak.put("heapBackToBaseline", after.heapMb() <= heapLimit);
        soak.put("heapLimitMb", Math.round(heapLimit));
        soak.put("threadsBackToBaseline", after.threads() <= before.threads() + THREAD_SLACK);
        soak.put("webSocketsClosed", after.webSockets() == 0);
        soak.put("databaseConnectionsBackToBaseline", after.databaseConnections() <= before.databaseConnections());
        return soak;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> failures(ScenarioResult result) {
        List<String> failures = new ArrayList<>();
        soakOf(result.summary()).forEach((check, value) -> {
            if (Boolean.FALSE.equals(value)) {
                failures.add(
                        "soak: " + check + " failed (before " + result.summary().get("baseline") + ", after "
                                + result.summary().get("after") + ")");
            }
        });
        GeneratorReport frames = (GeneratorReport) result.summary().get("frames");
        if (frames.missing() + frames.duplicates() + frames.holes() > 0) {
            failures.add("frames: %d missing, %d duplicated, %d holes"
                    .formatted(frames.missing(), frames.duplicates(), frames.holes()));
        }
        return failures;
    }

    @Override
    @SuppressWarnings("unchecked")
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        Map<String, Object> ratios = (Map<String, Object>) s.get("ratios");
        Resources before = (Resources) s.get("baseline");
        Resources after = (Resources) s.get("after");
        GeneratorReport frames = (GeneratorReport) s.get("frames");
        List<String> plots = (List<String>) s.get("plots");
        List<String> failures = failures(result);
        return """
                %s WebSocket clients on one node over %s workspaces, for %s minutes, with writes, task reads, \
                searches, feed reads and notification reads arriving together at the rates below (open loop).

                %s

                Frames of the task creates: %s of %s delivered, %s missing, %s duplicated; %s sockets the node \
                closed came back with `since`. Against the yardsticks \
                of the same run: write p50 **%s×** and p99 **%s×** a raw event insert and commit; frame p50 **%s×** \
                and p99 **%s×** a raw Redis publish to a subscriber. Each read against a raw read of one task row by \
                its key, p50 and p99: %s.

                Soak: before the clients came, heap after GC %s MB, %s live threads, %s database connections in \
                use; after they left, %s MB, %s threads, %s WebSocket connections, %s database connections; the \
                heap may end at %s MB (%s MB of it Tomcat's cache of closed connections' buffers). %s

                %s
                %s""".formatted(
                        s.get("clients"),
                        s.get("workspaces"),
                        s.get("minutes"),
                        Tables.steps(result.steps()),
                        frames.delivered(),
                        frames.expected(),
                        frames.missing(),
                        frames.duplicates(),
                        frames.reconnects(),
                        ratios.get("writeP50OverRawInsert"),
                        ratios.get("writeP99OverRawInsert"),
                        ratios.get("frameP50OverRawPublish"),
                        ratios.get("frameP99OverRawPublish"),
                        readRatios(ratios),
                        before.heapMb(),
                        before.threads(),
                        before.databaseConnections(),
                        after.heapMb(),
                        after.threads(),
                        after.webSockets(),
                        after.databaseConnections(),
                        soakOf(s).get("heapLimitMb"),
                        soakOf(s).get("tomcatChannelCacheMb"),
                        failures.isEmpty() ? "**Back to the baseline.**" : "**FAILED:** " + String.join("; ", failures),
                        Scenario.serverUsage(result.server()),
                        Tables.plots(plots));
    }

    private static String readRatios(Map<String, Object> ratios) {
        List<String> parts = new ArrayList<>();
        for (int k = 1; k < Kind.values().length; k++) {
            Kind kind = Kind.values()[k];
            parts.add("%s **%s×** and **%s×**"
                    .formatted(
                            kind.label,
                            ratios.get(kind.name() + "p50OverRawRead"),
                            ratios.get(kind.name() + "p99OverRawRead")));
        }
        return String.join("; ", parts);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> soakOf(Map<String, Object> summary) {
        return (Map<String, Object>) summary.get("soak");
    }

    /** What the node holds: heap in MB, live threads, WebSocket connections, database connections in use. */
    record Resources(double heapMb, double threads, double webSockets, double databaseConnections) {

        /** As it is now, heap included garbage: for the plot over time. */
        static Resources sampled(ServerProcess node) {
            try {
                return new Resources(
                        Math.round(node.metric("jvm.memory.used", "area:heap") / (1024 * 1024)),
                        node.metric("jvm.threads.live", null),
                        node.metric("taskmesh.realtime.connections", null),
                        node.metric("hikaricp.connections.active", null));
            } catch (Exception e) {
                return new Resources(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
        }

        /** After a full collection: what the node keeps, for the soak check. */
        static Resources at(ServerProcess node) throws Exception {
            ServerProcess.Memory memory = node.memoryAfterGc();
            Resources now = sampled(node);
            return new Resources(memory.heapMb(), now.threads(), now.webSockets(), now.databaseConnections());
        }

        /**
         * Once the WebSocket connections have closed and the threads are back near {@code baseline} (at most
         * {@code patience}), and a full collection after.
         */
        static Resources settled(ServerProcess node, Resources baseline, Duration patience) throws Exception {
            long deadline = System.nanoTime() + patience.toNanos();
            for (Resources now = sampled(node);
                    System.nanoTime() < deadline
                            && (now.webSockets() > 0 || now.threads() > baseline.threads() + THREAD_SLACK);
                    now = sampled(node)) {
                // closing handshakes of thousands of sockets, idle pool threads timing out: a probe every 500 ms
                Thread.sleep(500);
            }
            return at(node);
        }
    }
}
