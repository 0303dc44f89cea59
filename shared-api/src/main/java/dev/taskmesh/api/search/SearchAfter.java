package dev.taskmesh.api.search;

import dev.taskmesh.api.task.TaskId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A hit's place in the search order, where the next page starts: its rank as the exact bits of PostgreSQL's
 * {@code real} (a decimal round trip could skip or repeat a hit), its change time to the microsecond (PostgreSQL's
 * precision) and its id. {@link #toString()} and {@link #parse} are each other's inverse; cursors carry that text.
 */
public record SearchAfter(float rank, Instant updatedAt, TaskId taskId) {

    private static final long LATEST_MICROS =
            ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("9999-12-31T23:59:59.999999Z"));

    public SearchAfter {
        updatedAt = updatedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** @throws IllegalArgumentException for any text {@link #toString()} did not produce */
    public static SearchAfter parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a search position: " + text);
        }
        float rank = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[0], 16));
        if (!Float.isFinite(rank)) {
            throw new IllegalArgumentException("not a search position: " + text);
        }
        long micros = Long.parseLong(parts[1]);
        // a change time PostgreSQL can compare with: 1970 to the end of year 9999
        if (micros < 0 || micros > LATEST_MICROS) {
            throw new IllegalArgumentException("not a search position: " + text);
        }
        return new SearchAfter(
                rank, Instant.EPOCH.plus(micros, ChronoUnit.MICROS), new TaskId(UUID.fromString(parts[2])));
    }

    @Override
    public String toString() {
        return Integer.toHexString(Float.floatToIntBits(rank)) + ":"
                + ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt) + ":" + taskId.value();
    }
}
