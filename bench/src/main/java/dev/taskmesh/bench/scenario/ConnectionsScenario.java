package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.LatencyRecorder;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.StepResult;
import dev.taskmesh.bench.ws.FleetStatus;
import dev.taskmesh.bench.ws.GeneratorConfig;
import dev.taskmesh.bench.ws.GeneratorProcess;
import dev.taskmesh.bench.ws.GeneratorReport;
import dev.taskmesh.bench.ws.WsFleet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How many WebSocket connections one node holds and what each costs it, then two nodes holding more than one can.
 *
 * <p>Phase one: node A alone, {@code perNode} clients (full: 18,000, what fits under this machine's cap of 20,000
 * open files per process; short: 2,000; {@code TASKMESH_BENCH_CONNECTIONS} overrides) over 50 workspaces, each
 * subscribed to its workspace's stream, then task creates at 20/s so every client receives frames, each checked to
 * arrive exactly once and in order. The node's heap right after a full collection and its resident memory, read
 * before the first connection and after the last, give the memory per connection. Phase two: node B beside A and
 * {@code perNode} clients on each. Clients run in generator processes of at most 8,000 connections each, on
 * 127.x.y.z source addresses of their own.
 */
public final class ConnectionsScenario implements Scenario {

    private static final int WORKSPACES = 50;
    private static final int MEMBERS = 20;
    private static final double WRITE_RATE = 20;
    private static final Duration WRITES = Duration.ofSeconds(20);
    /** The best servers in the field hold 10–30 KB per idle connection (the issue); 100,000 is the goal. */
    private static final int GOAL = 100_000;

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        String run = "cn" + Long.toString(started.getEpochSecond(), 36);
        String database = "bench_connections_" + started.getEpochSecond();
        // read before the database is made, so a bad size leaves nothing behind
        int perNode = context.size("TASKMESH_BENCH_CONNECTIONS", 18_000, 2_000);
        String url = context.infra().createDatabase(database);
        Map<String, String> env = BroadcastSetup.nodeEnv(context.infra(), url, perNode);
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("perNode", perNode);
        try (ServerProcess nodeA =
                ServerProcess.start(context.serverJar(), env, context.outDir().resolve("connections-node-a.log"))) {
            BroadcastSetup setup = BroadcastSetup.create(nodeA.base(), run, WORKSPACES, MEMBERS);
            ServerProcess.Memory idle = nodeA.memoryAfterGc();
            Phase one = phase(context, setup, run + "-a-", List.of(nodeA), perNode);
            ServerProcess.Memory held = one.memory().getFirst();
            summary.put("oneNode", one.summary());
            summary.put("idle", describe(idle));
            summary.put("held", describe(held));
            double heapKb = (held.heapMb() - idle.heapMb()) * 1024 / one.fleet().subscribed();
            double rssKb = (held.rssMb() - idle.rssMb()) * 1024 / one.fleet().subscribed();
            summary.put("heapKbPerConnection", Math.round(heapKb * 10) / 10.0);
            summary.put("rssKbPerConnection", Math.round(rssKb * 10) / 10.0);
            summary.put("heapGbFor100k", Math.round((idle.heapMb() + heapKb * GOAL / 1024) / 1024 * 10) / 10.0);
            summary.put("rssGbFor100k", Math.round((idle.rssMb() + rssKb * GOAL / 1024) / 1024 * 10) / 10.0);
            steps.add(one.frames("one node: frames"));
            steps.add(one.writes("one node: create task"));

            try (ServerProcess nodeB = ServerProcess.start(
                    context.serverJar(), env, context.outDir().resolve("connections-node-b.log"))) {
                Phase two = phase(context, setup, run + "-b-", List.of(nodeA, nodeB), 2 * perNode);
                summary.put("twoNodes", two.summary());
                steps.add(two.frames("two nodes: frames"));
                steps.add(two.writes("two nodes: create task"));
            }
            return result(context, started, steps, null, summary);
        } finally {
            context.infra().dropDatabase(database);
        }
    }

    /** What one phase measured. */
    private record Phase(
            FleetStatus fleet,
            GeneratorReport report,
            LatencyRecorder.Snapshot writeLatency,
            List<ServerProcess.Memory> memory,
            double seconds) {

        StepResult frames(String name) {
            return BroadcastScenario.frames(name, WRITE_RATE, report, fleet.subscribed(), seconds);
        }

        StepResult writes(String name) {
            return StepResult.of(name, "open", WRITE_RATE, 64, seconds, writeLatency);
        }

        Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("asked", fleet.asked());
            s.put("subscribed", fleet.subscribed());
            s.put("connectFailures", fleet.connectFailures());
            s.put("secondsToConnect", fleet.seconds());
            s.put("closedEarly", report.closedEarly());
            s.put("expected", report.expected());
            s.put("delivered", report.delivered());
            s.put("duplicates", report.duplicates());
            s.put("holes", report.holes());
            s.put("missing", report.missing());
            s.put("memory", memory.stream().map(ConnectionsScenario::describe).toList());
            return s;
        }
    }

    /** Opens {@code clients} connections spread over {@code nodes}, writes, checks every frame, reads memory. */
    private static Phase phase(
            RunContext context, BroadcastSetup setup, String prefix, List<ServerProcess> nodes, int clients)
            throws Exception {
        int processes = (clients + WsFleet.MAX_CONNECTIONS - 1) / WsFleet.MAX_CONNECTIONS;
        List<String> urls = nodes.stream().map(BroadcastScenario::webSocket).toList();
        List<GeneratorConfig> configs = BroadcastScenario.configs(setup, prefix, urls, clients, processes);
        List<GeneratorProcess> generators = new ArrayList<>();
        try {
            for (int p = 0; p < processes; p++) {
                // each phase's generators take source addresses of their own, so ports of the last phase's
                // closed connections (in TIME_WAIT) are never in the way
                GeneratorConfig config = configs.get(p);
                generators.add(GeneratorProcess.start(
                        new GeneratorConfig(
                                config.measuredPrefix(),
                                config.process() + (nodes.size() - 1) * 4,
                                config.urls(),
                                config.tokens(),
                                config.connections()),
                        context.outDir().resolve("connections-" + prefix + p + ".log")));
            }
            FleetStatus fleet = BroadcastScenario.awaitReady(generators, clients);
            System.out.printf(
                    "%d of %d clients subscribed over %d node(s) in %.1f s (%d connect failures)%n",
                    fleet.subscribed(), fleet.asked(), nodes.size(), fleet.seconds(), fleet.connectFailures());
            AtomicLongArray accepted = new AtomicLongArray(setup.workspaces().size());
            LatencyRecorder.Snapshot writes = OpenLoop.run(
                    WRITE_RATE, WRITES, 64, BroadcastScenario.timedWrites(setup, prefix, accepted, generators));
            GeneratorReport report = BroadcastScenario.collect(generators, setup, accepted);
            List<ServerProcess.Memory> memory = new ArrayList<>();
            for (ServerProcess node : nodes) {
                memory.add(node.memoryAfterGc());
            }
            return new Phase(fleet, report, writes, memory, WRITES.toMillis() / 1000.0);
        } finally {
            generators.forEach(GeneratorProcess::close);
        }
    }

    private static String describe(ServerProcess.Memory memory) {
        return "%.0f MB heap, %.0f MB resident".formatted(memory.heapMb(), memory.rssMb());
    }

    @Override
    @SuppressWarnings("unchecked")
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        Map<String, Object> one = (Map<String, Object>) s.get("oneNode");
        Map<String, Object> two = (Map<String, Object>) s.get("twoNodes");
        return """
                One node, then two, on one PostgreSQL and one Redis; %s clients per node over %d workspaces, each \
                subscribed to its workspace's stream, receiving the frames of %d task creates per second for %d s.

                | | connections held | connect failures | seconds to connect | frames delivered of expected | \
                duplicates · holes · missing | closed early |
                | --- | --- | --- | --- | --- | --- | --- |
                | one node | %s of %s | %s | %s | %s of %s | %s · %s · %s | %s |
                | two nodes | %s of %s | %s | %s | %s of %s | %s · %s · %s | %s |

                Memory of node A after a full GC: idle %s, holding the connections %s. Per connection: **%s KB of \
                heap, %s KB resident**. At that rate 100,000 connections would need about %s GB of heap and %s GB \
                resident.

                %s""".formatted(
                        s.get("perNode"),
                        WORKSPACES,
                        (int) WRITE_RATE,
                        WRITES.toSeconds(),
                        one.get("subscribed"),
                        one.get("asked"),
                        one.get("connectFailures"),
                        one.get("secondsToConnect"),
                        one.get("delivered"),
                        one.get("expected"),
                        one.get("duplicates"),
                        one.get("holes"),
                        one.get("missing"),
                        one.get("closedEarly"),
                        two.get("subscribed"),
                        two.get("asked"),
                        two.get("connectFailures"),
                        two.get("secondsToConnect"),
                        two.get("delivered"),
                        two.get("expected"),
                        two.get("duplicates"),
                        two.get("holes"),
                        two.get("missing"),
                        two.get("closedEarly"),
                        s.get("idle"),
                        s.get("held"),
                        s.get("heapKbPerConnection"),
                        s.get("rssKbPerConnection"),
                        s.get("heapGbFor100k"),
                        s.get("rssGbFor100k"),
                        Tables.steps(result.steps()));
    }
}
