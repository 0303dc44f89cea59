package dev.taskmesh.bench.record;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON result of one scenario run (the schema of docs/benchmarks.md#result-files). {@code summary} holds the
 * scenario's headline figures by name; {@code server} is null for scenarios that start no server.
 */
public record ScenarioResult(
        String scenario,
        String mode,
        Instant startedAt,
        String command,
        Machine machine,
        List<StepResult> steps,
        ServerSample server,
        Map<String, Object> summary) {

    public record Machine(int cores, long memoryMb, String os, String java, String postgres, String redis) {}
}
