package dev.taskmesh.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Seeds a scenario's database with the server jar's import subcommand: the same commands as the HTTP path. */
final class BulkSeed {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BulkSeed() {}

    /**
     * How many tasks a scenario seeds: {@code full} or {@code short} by the run's mode, unless
     * {@code TASKMESH_BENCH_TASKS} asks for another size (a run between the two, e.g. full-length steps on less data).
     */
    static int tasks(RunContext context, int full, int short_) {
        String asked = System.getenv("TASKMESH_BENCH_TASKS");
        if (asked == null || asked.isBlank()) {
            return context.full() ? full : short_;
        }
        try {
            int tasks = Integer.parseInt(asked.trim());
            if (tasks > 0) {
                return tasks;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("TASKMESH_BENCH_TASKS must be a positive whole number, was " + asked);
    }

    /** Runs {@code import} with {@code options} ({@code --name=value}) and answers its JSON summary. */
    static JsonNode run(RunContext context, Map<String, String> env, String logName, List<String> options)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = context.outDir().resolve(logName);
        List<String> command =
                new ArrayList<>(List.of(java, "-jar", context.serverJar().toString(), "import"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("import failed, see " + log + ": " + output);
        }
        // the summary is the one JSON line among the server's log lines
        String summary = output.lines()
                .filter(line -> line.startsWith("{\"userId\""))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("no import summary, see " + log + ": " + output));
        return JSON.readTree(summary);
    }
}
