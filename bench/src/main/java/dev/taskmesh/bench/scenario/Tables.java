package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.record.Latency;
import dev.taskmesh.bench.record.StepResult;
import java.util.List;
import java.util.Map;

/** Markdown of results: step tables with the same columns for every scenario, distributions side by side, plots. */
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

    /** Distributions of one step side by side, one row each, named by where they are measured from. */
    static String distributions(long count, Map<String, Latency> rows) {
        StringBuilder table = new StringBuilder("""
                | measured from | frames | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean ms |
                | --- | --- | --- | --- | --- | --- | --- | --- |
                """);
        rows.forEach((from, latency) -> table.append("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n"
                .formatted(
                        from,
                        count,
                        latency.p50(),
                        latency.p90(),
                        latency.p99(),
                        latency.p999(),
                        latency.max(),
                        latency.mean())));
        return table.toString();
    }

    /** A run's plots (file names in plots/, beside the report and in docs/), one image each. */
    static String plots(List<String> plots) {
        StringBuilder images = new StringBuilder();
        for (String plot : plots) {
            images.append("![")
                    .append(plot.replace(".png", ""))
                    .append("](plots/")
                    .append(plot)
                    .append(")\n");
        }
        return images.toString();
    }

    /** {@code value} as a multiple of {@code yardstick}, to two decimals; NaN when there is no yardstick. */
    static double ratio(double value, double yardstick) {
        return yardstick <= 0 ? Double.NaN : Math.round(value / yardstick * 100) / 100.0;
    }

    /** The file name a report and the docs refer to a plot by. */
    static String plotted(java.nio.file.Path plot) {
        return plot.getFileName().toString();
    }
}
