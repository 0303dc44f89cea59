package dev.taskmesh.bench.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a run's result goes: a JSON file per run in the output folder, and the scenario's section of
 * docs/benchmarks.md, between {@code <!-- bench:NAME:start -->} and {@code <!-- bench:NAME:end -->}.
 */
public final class ResultFiles {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ResultFiles() {}

    public static Path writeJson(Path outDir, ScenarioResult result) throws IOException {
        Files.createDirectories(outDir);
        Path file = outDir.resolve(baseName(result) + ".json");
        JSON.writeValue(file.toFile(), result);
        return file;
    }

    /**
     * The run's Markdown report beside its JSON: the section docs/benchmarks.md would show, with its header. Plots
     * are referred to as {@code plots/NAME.png}, which is where they are beside the report and in docs/.
     */
    public static Path writeReport(Path outDir, ScenarioResult result, String markdown) throws IOException {
        Path file = outDir.resolve(baseName(result) + ".md");
        Files.writeString(
                file, "# Scenario `" + result.scenario() + "`\n\n" + header(result) + "\n" + markdown.strip() + "\n");
        return file;
    }

    /** Copies the plots a result names (its summary's {@code plots}) to {@code docs}/plots, for the document. */
    public static void copyPlots(Path outDir, Path docs, ScenarioResult result) throws IOException {
        if (!(result.summary().get("plots") instanceof List<?> plots)) {
            return;
        }
        Files.createDirectories(docs.resolve("plots"));
        for (Object plot : plots) {
            Files.copy(
                    outDir.resolve("plots").resolve(plot.toString()),
                    docs.resolve("plots").resolve(plot.toString()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Replaces the scenario's section of the document (appending it if absent) with the latest figures. */
    public static void updateDocument(Path document, ScenarioResult result, String markdown) throws IOException {
        String start = "<!-- bench:" + result.scenario() + ":start -->";
        String end = "<!-- bench:" + result.scenario() + ":end -->";
        String section = start + "\n" + header(result) + "\n" + markdown.strip() + "\n" + end;
        String text = Files.exists(document) ? Files.readString(document) : "# Benchmarks\n";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        String updated = from >= 0 && to > from
                ? text.substring(0, from) + section + text.substring(to + end.length())
                : text.stripTrailing() + "\n\n## Scenario `" + result.scenario() + "`\n\n" + section + "\n";
        Files.writeString(document, updated);
    }

    /** {@code <scenario>-<mode>-<time>}: a run's files, JSON and report, are named alike. */
    private static String baseName(ScenarioResult result) {
        return result.scenario() + "-" + result.mode() + "-" + STAMP.format(result.startedAt());
    }

    private static String header(ScenarioResult result) {
        ScenarioResult.Machine machine = result.machine();
        return """
                Latest run: %s, %s mode, `%s`. Machine: %d cores, %d MiB, %s, %s; PostgreSQL %s; Redis %s.
                """.formatted(
                        DateTimeFormatter.ISO_INSTANT.format(
                                result.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                        result.mode(),
                        result.command(),
                        machine.cores(),
                        machine.memoryMb(),
                        machine.os(),
                        machine.java(),
                        machine.postgres(),
                        machine.redis());
    }
}
