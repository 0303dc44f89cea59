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
