package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.infra.PrometheusText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's realtime stage timers, read from a node's actuator: where a frame's time goes between the commit and
 * the socket. Count and total time are cumulative, so a window's mean is the difference of two reads; percentiles
 * and max are the timer's own recent window, read at the end. A timer the node does not have (the relay runs on one
 * node only, or the server predates a stage) reads as absent, shown "n/a".
 */
final class StageMetrics {

    /** In the order a frame passes them, with what each measures. */
    static final Map<String, String> STAGES = stages();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StageMetrics() {}

    private static Map<String, String> stages() {
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put("taskmesh.realtime.relay.wait", "commit → relay wake-up");
        stages.put("taskmesh.realtime.relay.store", "relay → positions assigned");
        stages.put("taskmesh.realtime.bus.transit", "Redis publish → node");
        stages.put("taskmesh.realtime.fanout", "node → frame written");
        return stages;
    }

    /** One read of a timer; NaN for what the node does not report. */
    record Reading(double count, double totalSeconds, double maxSeconds, double p50Seconds, double p99Seconds) {}

    static Map<String, Reading> read(URI node) {
        return read(node, STAGES);
    }

    /** Reads the timers named by {@code timers}' keys. */
    static Map<String, Reading> read(URI node, Map<String, String> timers) {
        Map<String, Reading> readings = new LinkedHashMap<>();
        for (String name : timers.keySet()) {
            Map<String, Double> timer = measurements(node, "/actuator/metrics/" + name);
            readings.put(
                    name,
                    new Reading(
                            timer.getOrDefault("COUNT", Double.NaN),
                            timer.getOrDefault("TOTAL_TIME", Double.NaN),
                            timer.getOrDefault("MAX", Double.NaN),
                            percentile(node, name, "0.5"),
                            percentile(node, name, "0.99")));
        }
        return readings;
    }

    /** Summary rows (for the JSON result and the table): the window between two reads of one node. */
    static List<Map<String, Object>> window(String node, Map<String, Reading> before, Map<String, Reading> after) {
        return window(node, STAGES, before, after);
    }

    /** As above, for the timers named by {@code timers}' keys, described by their values. */
    static List<Map<String, Object>> window(
            String node, Map<String, String> timers, Map<String, Reading> before, Map<String, Reading> after) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, String> stage : timers.entrySet()) {
            Reading start = before.get(stage.getKey());
            Reading end = after.get(stage.getKey());
            double count = end.count() - (Double.isNaN(start.count()) ? 0 : start.count());
            double total = end.totalSeconds() - (Double.isNaN(start.totalSeconds()) ? 0 : start.totalSeconds());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", stage.getValue());
            row.put("metric", stage.getKey());
            row.put("node", node);
            row.put("count", Double.isNaN(count) ? "n/a" : (Object) Math.round(count));
            row.put("meanMs", count > 0 ? ms(total / count) : "n/a");
            row.put("p50Ms", ms(end.p50Seconds()));
            row.put("p99Ms", ms(end.p99Seconds()));
            row.put("maxMs", ms(end.maxSeconds()));
            rows.add(row);
        }
        return rows;
    }

    static String table(List<Map<String, Object>> rows) {
        StringBuilder table = new StringBuilder("""
                | stage | node | timer | count | mean ms | p50 ms | p99 ms | max ms |
                | --- | --- | --- | --- | --- | --- | --- | --- |
                """);
        for (Map<String, Object> row : rows) {
            table.append("| %s | %s | `%s` | %s | %s | %s | %s | %s |%n"
                    .formatted(
                            row.get("stage"),
                            row.get("node"),
                            row.get("metric"),
                            row.get("count"),
                            row.get("meanMs"),
                            row.get("p50Ms"),
                            row.get("p99Ms"),
                            row.get("maxMs")));
        }
        return table.toString();
    }

    private static double percentile(URI node, String name, String phi) {
        return PrometheusText.quantile(node, name, phi);
    }

    /** The measurements of one metric by statistic; empty when the node answers anything but 200. */
    private static Map<String, Double> measurements(URI node, String path) {
        Map<String, Double> values = new LinkedHashMap<>();
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(node.resolve(path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return values;
            }
            for (JsonNode measurement : JSON.readTree(response.body()).path("measurements")) {
                values.put(
                        measurement.path("statistic").asString(),
                        measurement.path("value").asDouble(Double.NaN));
            }
        } catch (IOException | RuntimeException e) {
            // unreachable node or unexpected body: the stage reads as absent
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return values;
    }

    private static Object ms(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : (Object) (Math.round(seconds * 100_000) / 100.0);
    }
}
