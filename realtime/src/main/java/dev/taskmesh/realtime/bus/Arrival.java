package dev.taskmesh.realtime.bus;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When a frame reached this node and when its event was committed, both on this node's monotonic clock, so the
 * writer of each socket can time its two stages: node → socket (fan-out) and commit → socket (broadcast, what a user
 * waits for). The commit instant is the event's timestamp, a wall-clock reading of the committing node: across nodes
 * the broadcast time is as good as their clock sync (NTP keeps it within a millisecond or so).
 */
public record Arrival(long receivedNanos, long committedNanos) {

    private static final String AT = "\"at\":\"";

    /** A frame received now, its commit read from the frame's {@code at}, or now if it has none. */
    public static Arrival of(String frameJson) {
        long receivedNanos = System.nanoTime();
        long ageNanos = age(frameJson);
        return new Arrival(receivedNanos, receivedNanos - ageNanos);
    }

    private static long age(String frameJson) {
        int start = frameJson.indexOf(AT);
        int end = start < 0 ? -1 : frameJson.indexOf('"', start + AT.length());
        if (end < 0) {
            return 0;
        }
        try {
            Instant at = Instant.parse(frameJson.substring(start + AT.length(), end));
            return Math.max(0, Duration.between(at, Instant.now()).toNanos());
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
