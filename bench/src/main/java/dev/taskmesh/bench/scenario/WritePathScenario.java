package dev.taskmesh.bench.scenario;

import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.bench.client.TaskMeshClient;
import dev.taskmesh.bench.infra.ServerProcess;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.load.ClosedLoop;
import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.StepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The write path: task creates and status changes over HTTP, at fixed arrival rates (open loop) and at saturation
 * with 8, 32 and 128 clients, beside raw PostgreSQL insert-and-commit at the same concurrency in the same run. The
 * headline: the highest open-loop rate whose p99 stays at or under 20 ms, and its ratio to the raw commit rate.
 */
public final class WritePathScenario implements Scenario {

    static final double P99_TARGET_MS = 20;
    private static final int STATUS_TASKS = 256;

    @Override
    public String name() {
        return "write-path";
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Instant started = Instant.now();
        String database = "bench_write_path_" + started.getEpochSecond();
        String url = context.infra().createDatabase(database);
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        try (ServerProcess server = ServerProcess.start(
                context.serverJar(),
                context.infra().serverEnv(url),
                context.outDir().resolve("write-path-server.log"))) {
            TaskMeshClient client = new TaskMeshClient(server.base());
            client.signUp("bench" + ThreadLocalRandom.current().nextInt(1_000_000));
            String workspace = client.createWorkspace("Bench");
            String project = client.createProject(workspace, "Write path");
            Call create = index -> client.createTask(workspace, project, "Task " + index) != null;
            Call changeStatus = statusChanges(client, workspace, project);

            // both paths run hot before anything is measured: the JIT compiles what it sees
            ClosedLoop.run(4, context.warmUp(), create);
            ClosedLoop.run(4, context.warmUp(), changeStatus);
            server.sampling(true);

            double createsMax = openLoopSteps("create task", create, context, steps);
            double statusMax = openLoopSteps("change status", changeStatus, context, steps);
            summary.put("createOpenLoopMaxRateP99<=20ms", createsMax);
            summary.put("statusOpenLoopMaxRateP99<=20ms", statusMax);

            for (int clients : new int[] {8, 32, 128}) {
                StepResult taskmesh = StepResult.of(
                        "create task",
                        "closed",
                        0,
                        clients,
                        seconds(context),
                        ClosedLoop.run(clients, context.step(), create));
                steps.add(taskmesh);
                // the raw step measures PostgreSQL alone: wait for the projections to finish the burst first
                server.sampling(false);
                Projections.awaitIdle(context.infra(), url);
                int rawClients =
                        Math.min(clients, context.infra().maxConnections() - YardstickScenario.SERVER_POOL - 10);
                StepResult raw = YardstickScenario.postgres(context, url, rawClients);
                steps.add(raw);
                summary.put("createSaturation@" + clients, taskmesh.throughput());
                summary.put("rawPostgres@" + rawClients, raw.throughput());
                summary.put("saturationRatioToRaw@" + clients, ratio(taskmesh.throughput(), raw.throughput()));
                server.sampling(true);
                if (clients == 8) {
                    summary.put("createOpenLoopMaxToRaw@8", ratio(createsMax, raw.throughput()));
                }
            }
            summary.put("server", server.usage());
            return result(context, started, steps, server.usage(), summary);
        } finally {
            context.infra().dropDatabase(database);
        }
    }

    /**
     * Runs rising fixed rates until the p99 (from the intended start) passes five times the target or a request
     * fails; returns the highest rate whose p99 met the target without a single error, 0 if none did.
     */
    private static double openLoopSteps(String name, Call call, RunContext context, List<StepResult> steps) {
        double best = 0;
        for (double rate : context.full()
                ? new double[] {100, 200, 300, 400, 500, 600, 800, 1_000, 1_200}
                : new double[] {100, 300, 500}) {
            StepResult step = StepResult.of(
                    name, "open", rate, 0, seconds(context), OpenLoop.run(rate, context.step(), 512, call));
            steps.add(step);
            // a dropped or failed request is missing from the percentiles: only an error-free step can meet the target
            boolean clean = step.errors() == 0;
            if (clean && step.latency().p99() <= P99_TARGET_MS) {
                best = rate;
            }
            if (!clean || step.latency().p99() > 5 * P99_TARGET_MS) {
                break;
            }
        }
        return best;
    }

    /** Toggles a pool of tasks between todo and in_progress, each an allowed step of the workflow. */
    private static Call statusChanges(TaskMeshClient client, String workspace, String project) throws Exception {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < STATUS_TASKS; i++) {
            tasks.add(client.createTask(workspace, project, "Status " + i).id());
        }
        AtomicReferenceArray<String> status = new AtomicReferenceArray<>(STATUS_TASKS);
        for (int i = 0; i < STATUS_TASKS; i++) {
            status.set(i, "todo");
        }
        return index -> {
            int slot = (int) (index % STATUS_TASKS);
            String next = "todo".equals(status.get(slot)) ? "in_progress" : "todo";
            CommandAccepted accepted = client.changeStatus(workspace, tasks.get(slot), next);
            status.set(slot, next);
            return accepted != null;
        };
    }

    private static double seconds(RunContext context) {
        return context.step().toMillis() / 1000.0;
    }

    private static double ratio(double value, double base) {
        return base == 0 ? 0 : Math.round(value / base * 100) / 100.0;
    }

    @Override
    public String markdown(ScenarioResult result) {
        Map<String, Object> s = result.summary();
        return """
                Highest open-loop rate with p99 ≤ 20 ms: **%s creates/s**, **%s status changes/s**; \
                ratio of that create rate to raw PostgreSQL commits at 8 clients: **%s**.

                Saturation (closed loop) against raw PostgreSQL in the same run:

                | clients | TaskMesh creates/s | raw PostgreSQL commits/s | ratio |
                | --- | --- | --- | --- |
                | 8 | %s | %s | %s |
                | 32 | %s | %s | %s |
                | 128 | %s | %s | %s |

                Server during the measured steps: CPU %s%% average (%s%% peak, 100%% = one core), RSS %s MiB peak, heap \
                %s MiB peak.

                %s""".formatted(
                        s.get("createOpenLoopMaxRateP99<=20ms"),
                        s.get("statusOpenLoopMaxRateP99<=20ms"),
                        s.get("createOpenLoopMaxToRaw@8"),
                        s.get("createSaturation@8"),
                        rawAt(s, 8),
                        s.get("saturationRatioToRaw@8"),
                        s.get("createSaturation@32"),
                        rawAt(s, 32),
                        s.get("saturationRatioToRaw@32"),
                        s.get("createSaturation@128"),
                        rawAt(s, 128),
                        s.get("saturationRatioToRaw@128"),
                        result.server().cpuPercentAvg(),
                        result.server().cpuPercentMax(),
                        result.server().rssMbMax(),
                        result.server().heapMbMax(),
                        Tables.steps(result.steps()));
    }

    /** The raw figure measured for a client count, whose own client count may have been capped. */
    private static Object rawAt(Map<String, Object> summary, int clients) {
        return summary.entrySet().stream()
                .filter(e -> e.getKey().startsWith("rawPostgres@"))
                .filter(e -> Integer.parseInt(e.getKey().substring("rawPostgres@".length())) <= clients)
                .reduce((first, second) -> second)
                .map(e -> e.getValue() + " (" + e.getKey().substring("rawPostgres@".length()) + " clients)")
                .orElse("–");
    }
}
