package dev.taskmesh.bench.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A timer's percentile as a node's Prometheus endpoint shows it. The actuator's {@code /metrics/<name>.percentile}
 * exists only on Micrometer's simple registry; with the Prometheus registry a node publishes its percentiles as the
 * quantiles of the timer's series ({@code taskmesh_search_query_seconds{quantile="0.99"}}).
 */
public final class PrometheusText {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PrometheusText() {}

    /** The percentile {@code phi} ("0.5", "0.99") of timer {@code meter} in seconds, or NaN when the node has none. */
    public static double quantile(URI management, String meter, String phi) {
        String series = meter.replace('.', '_').replace('-', '_') + "_seconds{";
        String label = "quantile=\"" + phi + "\"";
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(management.resolve("/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            return response.body()
                    .lines()
                    .filter(line -> line.startsWith(series) && line.contains(label))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .findFirst()
                    .orElse(Double.NaN);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }
}
