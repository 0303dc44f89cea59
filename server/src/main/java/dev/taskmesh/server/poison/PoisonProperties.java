package dev.taskmesh.server.poison;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code taskmesh.processors.*}: how often a streaming processor tries an event before it parks it,
 * {@code dead-letter-after} for all of them, and per processor in {@code attempts} (0: retry for ever).
 */
@ConfigurationProperties("taskmesh.processors")
public record PoisonProperties(Integer deadLetterAfter, Map<String, Integer> attempts) {

    public PoisonProperties {
        deadLetterAfter = deadLetterAfter == null ? 5 : deadLetterAfter;
        attempts = attempts == null ? Map.of() : Map.copyOf(attempts);
        if (deadLetterAfter < 0 || attempts.values().stream().anyMatch(n -> n == null || n < 0)) {
            throw new IllegalArgumentException("taskmesh.processors attempts must be 0 (for ever) or more");
        }
    }

    int attemptsOf(String processor) {
        return attempts.getOrDefault(processor, deadLetterAfter);
    }
}
