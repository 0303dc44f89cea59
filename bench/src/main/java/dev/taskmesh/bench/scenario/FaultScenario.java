package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.infra.BenchInfrastructure;
import dev.taskmesh.bench.infra.OwnServices;
import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.Latency;
import dev.taskmesh.bench.record.LatencyRecorder;
import dev.taskmesh.bench.record.Plots;
import dev.taskmesh.bench.record.Plots.Line;
import dev.taskmesh.bench.record.Plots.Marker;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.StepResult;
import dev.taskmesh.bench.record.TimeSeries;
import dev.taskmesh.bench.scenario.DeliveryCheck.Tally;
import dev.taskmesh.bench.ws.FleetStatus;
import dev.taskmesh.bench.ws.FollowReport;
import dev.taskmesh.bench.ws.GeneratorConfig;
import dev.taskmesh.bench.ws.GeneratorProcess;
import dev.taskmesh.bench.ws.WsFleet;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One production fault under load, and then the count of what survived it. Two server nodes share a PostgreSQL and a
 * Redis of the scenario's own (on free ports: the fault never touches the machine's services); WebSocket clients
 * (full: 2,000; short: 200; {@code TASKMESH_BENCH_CONNECTIONS} overrides) follow their workspaces' streams on both
 * nodes, reconnecting with {@code since} whenever their socket goes; the {@link CommandMix} writes at a fixed rate
 * through both nodes, retrying with its idempotency keys. A third of the way in, the fault:
 *
 * <ul>
 *   <li>{@code fault-node-kill}: node B is killed (SIGKILL) and started again 10 s later on the same port;
 *   <li>{@code fault-redis}: Redis is stopped for 10 s and started again;
 *   <li>{@code fault-postgres}: PostgreSQL is restarted ({@code pg_ctl restart -m fast}).
 * </ul>
 *
 * After the writes, once every processor has caught up, it counts ({@link DeliveryCheck}): every acknowledged
 * command's event in the store and in every read model, once; every client at its stream's head with no hole and no
 * duplicate position; every expected notification once. Anything missing or doubled fails the run.
 */
public final class FaultScenario implements Scenario {

    private static final int MEMBERS = 5;
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofMinutes(1);

    enum Fault {
        NODE_KILL("fault-node-kill", "node B killed (SIGKILL), restarted 10 s later"),
        REDIS("fault-redis", "Redis stopped for 10 s, then started again"),
        POSTGRES("fault-postgres", "PostgreSQL restarted (pg_ctl restart -m fast)");

        final String scenario;
        final String description;

        Fault(String scenario, String description) {
            this.scenario = scenario;
            this.description = description;
        }
    }

    private final Fault fault;

    private FaultScenario(Fault fault) {
        this.fault = fault;
    }

    public static List<Scenario> all() {
        return List.of(
                new FaultScenario(Fault.NODE_KILL), new FaultScenario(Fault.REDIS), new FaultScenario(Fault.POSTGRES));
    }

    @Override
    public String name() {
        return fault.scenario;
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        String run = "f" + Long.toString(started.getEpochSecond(), 36);
        int clients = context.size("TASKMESH_BENCH_CONNECTIONS", 2_000, 200);
        int workspaces = context.full() ? 20 : 10;
        double rate = context.full() ? 100 : 40;
        Duration load = context.full() ? Duration.ofMinutes(3) : Duration.ofSeconds(30);
        Map<String, Object> summary = new LinkedHashMap<>();
        List<StepResult> steps = new ArrayList<>();
        try (OwnServices own = OwnServices.start()) {
            BenchInfrastructure infra = own.infra();
            String url = infra.createDatabase("bench_fault");
            Map<String, String> env = BroadcastSetup.nodeEnv(infra, url, clients);
            Path logs = context.outDir();
            ServerProcess nodeA = ServerProcess.start(context.serverJar(), env, logs.resolve(name() + "-node-a.log"));
            ServerProcess[] nodeB = {null};
            List<GeneratorProcess> generators = new ArrayList<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            try {
                nodeB[0] = ServerProcess.start(context.serverJar(), env, logs.resolve(name() + "-node-b.log"));
                BroadcastSetup setup = BroadcastSetup.create(nodeA.base(), run, workspaces, MEMBERS);
                List<String> urls = List.of(BroadcastScenario.webSocket(nodeA), BroadcastScenario.webSocket(nodeB[0]));
                int processes = Math.max(1, (clients + WsFleet.MAX_CONNECTIONS - 1) / WsFleet.MAX_CONNECTIONS);
                for (GeneratorConfig config : BroadcastScenario.configs(setup, run + "-c", urls, clients, processes)) {
                    generators.add(GeneratorProcess.start(
                            config, logs.resolve(name() + "-generator-" + config.process() + ".log")));
                }
                FleetStatus fleet = BroadcastScenario.awaitReady(generators, clients);
                generators.forEach(GeneratorProcess::follow);
                System.out.printf("%d clients follow their streams on two nodes%n", fleet.subscribed());

                CommandMix mix = new CommandMix(
                        setup,
                        List.of(setup.writer().at(nodeA.base()), setup.writer().at(nodeB[0].base())),
                        run);
                // the same mix before the measured load: the JIT, the pools and the caches warm, and its commands are
                // checked with the others
                long warmUp = Math.round(rate * context.warmUp().toSeconds());
                OpenLoop.run(rate, context.warmUp(), 4_096, mix.call(0));
                long loadStart = System.nanoTime();
                TimeSeries writes = new TimeSeries(loadStart);
                List<double[]> onA = new ArrayList<>();
                List<double[]> onB = new ArrayList<>();
                sampler.scheduleAtFixedRate(
                        () -> {
                            double t = writes.at(System.nanoTime());
                            synchronized (onA) {
                                onA.add(new double[] {t, connections(nodeA)});
                                onB.add(new double[] {t, connections(nodeB[0])});
                            }
                        },
                        0,
                        1,
                        TimeUnit.SECONDS);
                CompletableFuture<LatencyRecorder.Snapshot> writing =
                        CompletableFuture.supplyAsync(() -> OpenLoop.run(rate, load, 4_096, mix.call(warmUp), writes));
                List<Marker> markers = new ArrayList<>();
                Thread.sleep(load.toMillis() / 3);
                long faultStart = System.nanoTime();
                markers.add(new Marker(
                        writes.at(faultStart), fault.name().toLowerCase().replace('_', ' ')));
                inject(own, nodeB, logs, markers, writes);
                long faultEnd = System.nanoTime();
                LatencyRecorder.Snapshot written = writing.join();
                System.out.printf(
                        "%d commands acknowledged, %d abandoned, %d refused, %d retries%n",
                        mix.acked().size(), mix.abandoned(), mix.refused(), mix.retried());

                Projections.awaitIdle(infra, url, Duration.ofMinutes(3));
                Map<String, Long> heads;
                Map<String, Tally> tallies;
                try (Connection db = infra.connect(url)) {
                    heads = heads(db);
                    tallies = DeliveryCheck.run(db, mix.acked());
                }
                generators.forEach(generator -> generator.settle(heads, SETTLE));
                List<FollowReport> reports = new ArrayList<>();
                for (GeneratorProcess generator : generators) {
                    reports.add(generator.followResult(SETTLE.plusMinutes(1)));
                }
                FollowReport follow = FollowReport.merge(reports);
                sampler.shutdownNow();

                steps.add(StepResult.of(
                        "commands through both nodes, " + fault.description,
                        "open",
                        rate,
                        4_096,
                        load.toSeconds(),
                        written));
                Latency before = Latency.of(writes.between(loadStart, faultStart));
                Latency during = Latency.of(writes.between(
                        faultStart, faultEnd + Duration.ofSeconds(10).toNanos()));
                summary.put("fault", fault.description);
                summary.put("clients", fleet.subscribed());
                summary.put("workspaces", workspaces);
                summary.put("rate", rate);
                summary.put("acknowledged", mix.acked().size());
                summary.put("abandoned", mix.abandoned());
                summary.put("refused", mix.refused());
                summary.put("refusals", mix.refusals());
                summary.put("retries", mix.retried());
                summary.put("writesBeforeFault", before);
                summary.put("writesDuringFault", during);
                summary.put("p99DuringOverBefore", Tables.ratio(during.p99(), before.p99()));
                summary.put("checks", tallies);
                summary.put("clientsFollowing", follow);
                List<double[]> p50 = new ArrayList<>();
                List<double[]> p99 = new ArrayList<>();
                List<double[]> acked = new ArrayList<>();
                List<double[]> failed = new ArrayList<>();
                for (TimeSeries.Point point : writes.points(1)) {
                    p50.add(new double[] {point.t(), point.p50Ms()});
                    p99.add(new double[] {point.t(), point.p99Ms()});
                    acked.add(new double[] {point.t(), point.perSecond()});
                    failed.add(new double[] {point.t(), point.errorsPerSecond()});
                }
                List<String> plots = new ArrayList<>();
                plots.add(Tables.plotted(Plots.overTime(
                        context.plot(name(), "latency"),
                        name() + ": command latency (from its scheduled start, retries included)",
                        "ms",
                        List.of(new Line("p50", p50), new Line("p99", p99)),
                        markers)));
                plots.add(Tables.plotted(Plots.overTime(
                        context.plot(name(), "throughput"),
                        name() + ": commands acknowledged and given up per second",
                        "commands / s",
                        List.of(new Line("acknowledged", acked), new Line("given up or refused", failed)),
                        markers)));
                synchronized (onA) {
                    plots.add(Tables.plotted(Plots.overTime(
                            context.plot(name(), "connections"),
                            name() + ": WebSocket connections per node",
                            "connections",
                            List.of(new Line("node A", onA), new Line("node B", onB)),
                            markers)));
                }
                summary.put("plots", plots);
                return result(context, infra, started, steps, nodeA.usage(), summary);
            } finally {
                sampler.shutdownNow();
                generators.forEach(GeneratorProcess::close);
                if (nodeB[0] != null) {
                    nodeB[0].close();
                }
                nodeA.close();
            }
        }
    }

    private void inject(OwnServices own, ServerProcess[] nodeB, Path logs, List<Marker> markers, TimeSeries clock)
            throws Exception {
        switch (fault) {
            case NODE_KILL -> {
                nodeB[0].kill();
                Thread.sleep(OUTAGE.toMillis());
                markers.add(new Marker(clock.at(System.nanoTime()), "restart"));
                nodeB[0] = nodeB[0].restart(logs.resolve(name() + "-node-b-restarted.log"));
                markers.add(new Marker(clock.at(System.nanoTime()), "B healthy"));
            }
            case REDIS -> {
                own.redis().stop();
                Thread.sleep(OUTAGE.toMillis());
                own.redis().startServer();
                markers.add(new Marker(clock.at(System.nanoTime()), "Redis back"));
            }
            case POSTGRES -> {
                own.postgres().restart();
                markers.add(new Marker(clock.at(System.nanoTime()), "PostgreSQL back"));
            }
        }
    }

    /** Each workspace stream's last position: what every client following it must have reached. */
    private static Map<String, Long> heads(Connection db) throws Exception {
        Map<String, Long> heads = new LinkedHashMap<>();
        try (ResultSet rs = db.createStatement()
                .executeQuery("SELECT stream, position FROM stream_head WHERE stream LIKE 'workspace:%'")) {
            while (rs.next()) {
                heads.put(rs.getString(1), rs.getLong(2));
            }
        }
        return heads;
    }

    private static double connections(ServerProcess node) {
        try {
            double value = node.metric("taskmesh.realtime.connections", null);
            return Double.isNaN(value) ? 0 : value;
        } catch (Exception e) {
            // a dead node holds no connections
            return 0;
        }
    }

    @Override
    public List<String> failures(ScenarioResult result) {
        List<String> failures = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Tally> checks = (Map<String, Tally>) result.summary().get("checks");
        checks.forEach((place, tally) -> {
            if (!tally.clean()) {
                failures.add(place + ": " + tally.missing() + " missing, " + tally.duplicated() + " duplicated of "
                        + tally.expected());
            }
        });
        FollowReport follow = (FollowReport) result.summary().get("clientsFollowing");
        if (!follow.complete()) {
            failures.add("clients: %d of %d at their head, %d positions missing, %d duplicates, %d holes, %d resets"
                    .formatted(
                            follow.atHead(),
                            follow.clients(),
                            follow.missing(),
                            follow.duplicates(),
                            follow.holes(),
                            follow.resets()));
        }
        if ((long) result.summary().get("refused") > 0) {
            failures.add("the server refused " + result.summary().get("refused") + " commands: "
                    + result.summary().get("refusals"));
        }
        return failures;
    }

    @Override
    @SuppressWarnings("unchecked")
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        Map<String, Tally> checks = (Map<String, Tally>) s.get("checks");
        FollowReport follow = (FollowReport) s.get("clientsFollowing");
        Latency before = (Latency) s.get("writesBeforeFault");
        Latency during = (Latency) s.get("writesDuringFault");
        StringBuilder table = new StringBuilder(
                "| where | expected | present | missing | duplicated |\n" + "| --- | ---: | ---: | ---: | ---: |\n");
        checks.forEach((place, t) -> table.append("| %s | %d | %d | %d | %d |\n"
                .formatted(place, t.expected(), t.present(), t.missing(), t.duplicated())));
        table.append("| client positions (%d clients) | %d | %d | %d | %d |\n"
                .formatted(
                        follow.clients(),
                        follow.expected(),
                        follow.delivered(),
                        follow.missing(),
                        follow.duplicates()));
        List<String> failures = failures(result);
        return """
                %s, under load: %s clients following %s workspace streams on two nodes, %s commands/s through \
                both (create, assign, move, comment with a mention), each retried on the other node with its \
                idempotency key for up to a minute.

                **%s** %s commands acknowledged, %s given up after a minute of retries, %s refused; %s retries in \
                all. Clients: %s of %s at their stream's head, %s holes, %s resets, %s reconnects (the sockets' \
                close codes: %s; 1006 is a connection that dropped, as a killed node's do), %s `bus-unavailable` \
                frames, %s sockets left closed.

                %s
                Command latency, from the scheduled start to the 2xx (retries included): before the fault p50 %s \
                ms, p99 %s ms; from the fault until 10 s after it ended p50 %s ms, p99 %s ms, max %s ms: p99 \
                **%s×** the same run's before-fault p99 (the yardstick here).

                %s
                %s""".formatted(
                s.get("fault"),
                s.get("clients"),
                s.get("workspaces"),
                s.get("rate"),
                failures.isEmpty() ? "Nothing lost, nothing doubled." : "FAILED: " + String.join("; ", failures) + ".",
                s.get("acknowledged"),
                s.get("abandoned"),
                s.get("refused"),
                s.get("retries"),
                follow.atHead(),
                follow.clients(),
                follow.holes(),
                follow.resets(),
                follow.reconnects(),
                follow.closes().isEmpty() ? "none" : follow.closes(),
                follow.busUnavailable(),
                follow.disconnected(),
                table,
                before.p50(),
                before.p99(),
                during.p50(),
                during.p99(),
                during.max(),
                s.get("p99DuringOverBefore"),
                Tables.plots((List<String>) s.get("plots")),
                Tables.steps(result.steps()));
    }
}
