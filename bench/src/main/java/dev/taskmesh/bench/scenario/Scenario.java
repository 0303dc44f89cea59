package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.infra.BenchInfrastructure;
import dev.taskmesh.bench.record.ScenarioResult;
import dev.taskmesh.bench.record.ServerSample;
import dev.taskmesh.bench.record.StepResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A reproducible measurement: it starts what it needs, measures, stops what it started, and reports. */
public interface Scenario {

    String name();

    ScenarioResult run(RunContext context) throws Exception;

    /**
     * What makes this result a failure, for scenarios that check correctness (something lost or doubled): the harness
     * exits non-zero when the list is not empty. Timings are never failures.
     */
    default List<String> failures(ScenarioResult result) {
        return List.of();
    }

    /** The markdown that docs/benchmarks.md shows for a result of this scenario. */
    String markdown(ScenarioResult result);

    /** This scenario's result, with the run's mode, command and machine. */
    default ScenarioResult result(
            RunContext context,
            Instant started,
            List<StepResult> steps,
            ServerSample server,
            Map<String, Object> summary) {
        return result(context, context.infra(), started, steps, server, summary);
    }

    /** As above, for a run on services of its own ({@code infra}) rather than the harness's. */
    default ScenarioResult result(
            RunContext context,
            BenchInfrastructure infra,
            Instant started,
            List<StepResult> steps,
            ServerSample server,
            Map<String, Object> summary) {
        return new ScenarioResult(
                name(), context.mode(), started, context.command(), Machines.describe(infra), steps, server, summary);
    }

    /** One sentence on what the server used during the measured steps. */
    static String serverUsage(ServerSample server) {
        if (server == null) {
            return "";
        }
        return "Server during the measured steps: CPU %d%% average (%d%% peak, 100%% = one core), RSS %d MiB peak, heap %d MiB peak."
                .formatted(
                        Math.round(server.cpuPercentAvg()),
                        Math.round(server.cpuPercentMax()),
                        Math.round(server.rssMbMax()),
                        Math.round(server.heapMbMax()));
    }
}
