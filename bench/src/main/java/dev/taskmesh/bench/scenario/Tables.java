package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.record.StepResult;
import java.util.List;

/** Markdown tables of step results, the same columns for every scenario. */
final class Tables {

    private Tables() {}

    static String steps(List<StepResult> steps) {
        StringBuilder table = new StringBuilder("""
                | step | kind | rate asked | clients | requests | errors | throughput/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
                """);
        for (StepResult step : steps) {
            table.append("| %s | %s | %s | %d | %d | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f |%n"
                    .formatted(
                            step.name(),
                            step.kind(),
                            step.targetRate() > 0 ? "%.0f/s".formatted(step.targetRate()) : "",
                            step.concurrency(),
                            step.requests(),
                            step.errors(),
                            step.throughput(),
                            step.latency().p50(),
                            step.latency().p90(),
                            step.latency().p99(),
                            step.latency().p999(),
                            step.latency().max()));
        }
        return table.toString();
    }
}
