package dev.taskmesh.query.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps per-user feed entries for the configured retention ({@code taskmesh.feed.retention}) and drops older ones:
 * they are 50 rows per event in a workspace of 50, where the event itself is one. First the horizon is raised to the
 * oldest event inside the retention, so from then on reads serve everything below it from the events
 * (FeedQueries); only then are the entries below it deleted, a user and a batch at a time so no delete holds long
 * locks. Every node runs it; the steps are idempotent.
 */
@Component
public class FeedRetention {

    private static final Logger log = LoggerFactory.getLogger(FeedRetention.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;
    private final Counter pruned;

    FeedRetention(
            JdbcClient jdbc,
            Clock clock,
            MeterRegistry meters,
            @Value("${taskmesh.feed.retention:90d}") Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("taskmesh.feed.retention must not be negative, was " + retention);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
        this.pruned = Counter.builder("taskmesh.feed.pruned")
                .description("Feed entries deleted past the retention; their events stay readable")
                .register(meters);
    }

    @Scheduled(
            initialDelayString = "${taskmesh.feed.prune-interval:10m}",
            fixedDelayString = "${taskmesh.feed.prune-interval:10m}")
    void prune() {
        try {
            pruneOlderThan(clock.instant().minus(retention));
        } catch (RuntimeException e) {
            log.warn("Pruning feed entries failed; next attempt at the next interval: {}", e.toString());
        }
    }

    /** Serves events older than {@code cutoff} from the events and deletes their entries; answers how many went. */
    public long pruneOlderThan(Instant cutoff) {
        long horizon = raiseHorizon(cutoff);
        long deleted = 0;
        for (Optional<UUID> user = nextUser(null); user.isPresent(); user = nextUser(user.get())) {
            int batch;
            do {
                batch = jdbc.sql("""
                                DELETE FROM feed_entry WHERE ctid IN (
                                    SELECT ctid FROM feed_entry WHERE user_id = :userId AND event_seq < :horizon
                                    LIMIT :batch)
                                """)
                        .param("userId", user.get())
                        .param("horizon", horizon)
                        .param("batch", BATCH)
                        .update();
                deleted += batch;
            } while (batch == BATCH);
        }
        pruned.increment(deleted);
        return deleted;
    }

    private long raiseHorizon(Instant cutoff) {
        return jdbc.sql("""
                        UPDATE feed_horizon SET event_seq = GREATEST(event_seq, coalesce(
                            (SELECT event_seq FROM feed_event WHERE at >= :cutoff ORDER BY at LIMIT 1),
                            (SELECT coalesce(max(event_seq), 0) + 1 FROM feed_event)))
                        RETURNING event_seq
                        """)
                .param("cutoff", java.sql.Timestamp.from(cutoff))
                .query(Long.class)
                .single();
    }

    /** The next user with entries, in key order: one probe of the primary key each (a skip scan). */
    private Optional<UUID> nextUser(UUID after) {
        var query = after == null
                ? jdbc.sql("SELECT user_id FROM feed_entry ORDER BY user_id LIMIT 1")
                : jdbc.sql("SELECT user_id FROM feed_entry WHERE user_id > :after ORDER BY user_id LIMIT 1")
                        .param("after", after);
        return query.query(UUID.class).optional();
    }
}
