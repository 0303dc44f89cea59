package dev.taskmesh.server.rebuild;

import java.time.Instant;

/**
 * Where a rebuild stands: {@code replaying} events up to the head of the store ({@code done} of {@code total}, the
 * current rate and the time left at that rate), {@code indexing} the copies (then replaying again what came
 * meanwhile), {@code switching} over, {@code done}, or {@code failed} with the reason. {@code total} grows while
 * writes go on.
 */
public record RebuildProgress(
        String projection,
        State state,
        long done,
        long total,
        double eventsPerSecond,
        Long etaSeconds,
        Instant startedAt,
        Instant finishedAt,
        String error) {

    public enum State {
        PREPARING,
        REPLAYING,
        INDEXING,
        SWITCHING,
        DONE,
        FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static RebuildProgress started(String projection, Instant at) {
        return new RebuildProgress(projection, State.PREPARING, 0, 0, 0, null, at, null, null);
    }

    RebuildProgress replaying(long done, long total, double rate) {
        Long eta = rate > 0 ? Math.round(Math.max(0, total - done) / rate) : null;
        return new RebuildProgress(projection, State.REPLAYING, done, total, rate, eta, startedAt, null, null);
    }

    RebuildProgress in(State next, Instant at) {
        boolean over = next == State.DONE || next == State.FAILED;
        return new RebuildProgress(
                projection, next, done, total, eventsPerSecond, etaSeconds, startedAt, over ? at : null, error);
    }

    RebuildProgress failed(String reason, Instant at) {
        return new RebuildProgress(projection, State.FAILED, done, total, eventsPerSecond, null, startedAt, at, reason);
    }

    /** The fraction done, 0 to 1. */
    public double fraction() {
        return state == State.DONE ? 1 : total <= 0 ? 0 : Math.min(1, (double) done / total);
    }
}
