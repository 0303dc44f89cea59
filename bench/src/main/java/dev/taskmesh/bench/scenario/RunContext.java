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

    /**
     * Where a plot of {@code scenario} goes: {@code plots/} beside the results, one file per scenario and plot,
     * which the latest run overwrites (the harness copies them to docs/plots/ with the figures).
     */
    public Path plot(String scenario, String what) {
        return outDir.resolve("plots").resolve(scenario + "-" + what + ".png");
    }

    public Duration warmUp() {
        return full ? Duration.ofSeconds(30) : Duration.ofSeconds(5);
    }

    /**
     * A scenario's size: {@code full} or {@code short} by the mode, unless the environment variable {@code variable}
     * asks for another (a run between the two, e.g. full-length steps on less data).
     *
     * @throws IllegalArgumentException when the variable is set to anything but a positive whole number
     */
    public int size(String variable, int full, int short_) {
        String asked = System.getenv(variable);
        if (asked == null || asked.isBlank()) {
            return this.full ? full : short_;
        }
        try {
            int size = Integer.parseInt(asked.trim());
            if (size > 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(variable + " must be a positive whole number, was " + asked);
    }
}
