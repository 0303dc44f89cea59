package dev.taskmesh.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** One read of a node's Prometheus endpoint: every series ({@code name{labels}}) with its value. */
public record Scrape(Map<String, Double> series) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static Scrape of(URI management) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(management.resolve("/actuator/prometheus"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("Prometheus endpoint answered " + response.statusCode());
            }
            Map<String, Double> series = new LinkedHashMap<>();
            response.body()
                    .lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .forEach(line -> {
                        int space = line.lastIndexOf(' ');
                        series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                    });
            return new Scrape(series);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of the series of {@code name} whose labels include every one of {@code labels} ({@code key="v"}). */
    public double sum(String name, String... labels) {
        return series.entrySet().stream()
                .filter(entry -> nameOf(entry.getKey()).equals(name))
                .filter(entry -> Arrays.stream(labels).allMatch(entry.getKey()::contains))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    public boolean has(String name, String... labels) {
        return series.keySet().stream()
                .anyMatch(
                        key -> nameOf(key).equals(name) && Arrays.stream(labels).allMatch(key::contains));
    }

    private static String nameOf(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }
}
