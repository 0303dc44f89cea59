package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.infra.BenchInfrastructure;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a scenario runs with. {@code full} mode measures each step long enough for stable tails; {@code short} mode
 * keeps the whole scenario under a minute, to check that it works.
 */
public record RunContext(boolean full, BenchInfrastructure infra, Path serverJar, Path outDir, String command) {

    public String mode() {
        return full ? "full" : "short";
    }

    /** How long one measured step lasts. */
    public Duration step() {
        return full ? Duration.ofSeconds(20) : Duration.ofSeconds(3);
    }

    public Duration warmUp() {
        return full ? Duration.ofSeconds(30) : Duration.ofSeconds(5);
    }
}
