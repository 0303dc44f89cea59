package dev.taskmesh.server.web;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@code ?minPosition=}: a read waits until the read model's processor has handled every event up to that
 * global position, so a client reads its own writes. Progress is taken from the processor's tokens in the token
 * table, which every node shares, so it holds whichever node runs the processor.
 */
@Component
public class ReadConsistency {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Duration timeout;

    ReadConsistency(
            JdbcClient jdbc, JsonMapper json, @Value("${taskmesh.query.min-position-timeout:2s}") Duration timeout) {
        this.jdbc = jdbc;
        this.json = json;
        this.timeout = timeout;
    }

    /**
     * Returns once {@code processingGroup} has reached {@code minPosition} (at once when it is null).
     *
     * @throws ProblemException projection-lagging (503, Retry-After) when it has not within the timeout
     */
    public void await(String processingGroup, Long minPosition) {
        if (minPosition == null) {
            return;
        }
        if (minPosition < 0) {
            throw ProblemException.invalidQuery("minPosition", "must be zero or more");
        }
        if (reached(processingGroup, minPosition)) {
            return;
        }
        if (minPosition > lastPosition()) {
            // no write ever answered this position: waiting for it would only load the database
            throw ProblemException.invalidQuery("minPosition", "is beyond the last stored event");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 2;
        while (!reached(processingGroup, minPosition)) {
            if (System.nanoTime() > deadline) {
                throw new ProblemException(
                        ProblemType.PROJECTION_LAGGING,
                        "The read model has not reached position " + minPosition + " yet; retry shortly.");
            }
            // polling the shared token table; a few milliseconds is what a processor needs to catch up when healthy
            sleep(pause);
            pause = Math.min(pause * 2, 50);
        }
    }

    private long lastPosition() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    /** True when every segment's token has passed the position with no gap at it (StoredTokens.covers). */
    boolean reached(String processingGroup, long position) {
        List<byte[]> tokens = jdbc.sql("SELECT token FROM token_entry WHERE processor_name = :name")
                .param("name", processingGroup)
                .query((rs, row) -> rs.getBytes("token"))
                .list();
        return !tokens.isEmpty()
                && tokens.stream()
                        .allMatch(token -> token != null && StoredTokens.covers(json.readTree(token), position));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.PROJECTION_LAGGING, "Interrupted while waiting for the read model.");
        }
    }
}
