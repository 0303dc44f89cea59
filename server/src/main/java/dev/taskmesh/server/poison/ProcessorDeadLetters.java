package dev.taskmesh.server.poison;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The processors' dead letters ({@code processor_dead_letter}). Each processor's count is kept in memory too, so
 * the check every event goes through ("is its sequence parked?") costs a query only while that processor has
 * letters: in normal operation, none.
 */
public class ProcessorDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(ProcessorDeadLetters.class);

    private static final RowMapper<DeadLetter> ROW = (rs, row) -> new DeadLetter(
            rs.getLong("id"),
            rs.getString("processor"),
            rs.getString("sequence_id"),
            rs.getLong("global_index"),
            rs.getString("event_id"),
            rs.getString("event_type"),
            rs.getString("cause"),
            rs.getInt("attempts"),
            rs.getTimestamp("dead_lettered_at").toInstant());

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final MultiGauge gauge;
    private volatile boolean counted;

    public ProcessorDeadLetters(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.gauge = MultiGauge.builder("taskmesh.processor.dead.letters")
                .description("Events parked by the processor's poison-event policy, waiting for an operator")
                .register(meters);
    }

    /** Parks an event, in the caller's transaction (the processor's batch, which then commits with its token). */
    void add(
            String processor,
            String sequenceId,
            long globalIndex,
            String eventId,
            String eventType,
            String cause,
            int attempts) {
        jdbc.sql("INSERT INTO processor_dead_letter"
                        + " (processor, sequence_id, global_index, event_id, event_type, cause, attempts,"
                        + " dead_lettered_at)"
                        + " VALUES (:processor, :sequence, :index, :event, :type, :cause, :attempts, :at)"
                        + " ON CONFLICT (processor, event_id) DO NOTHING")
                .param("processor", processor)
                .param("sequence", sequenceId)
                .param("index", globalIndex)
                .param("event", eventId)
                .param("type", eventType)
                .param("cause", cause)
                .param("attempts", attempts)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        counts.merge(processor, 1L, Long::sum);
    }

    /** True when an earlier event of this sequence is parked: this one must wait behind it, to keep their order. */
    boolean isParked(String processor, String sequenceId) {
        if (!counted) {
            refreshCounts();
        }
        if (counts.getOrDefault(processor, 0L) == 0) {
            return false;
        }
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM processor_dead_letter"
                        + " WHERE processor = :processor AND sequence_id = :sequence)")
                .param("processor", processor)
                .param("sequence", sequenceId)
                .query(Boolean.class)
                .single();
    }

    /** A page of letters in the order they were parked, after {@code afterId}; {@code processor} null for all. */
    public List<DeadLetter> list(String processor, long afterId, int limit) {
        return jdbc.sql("SELECT * FROM processor_dead_letter WHERE id > :after"
                        + " AND (CAST(:processor AS text) IS NULL OR processor = :processor) ORDER BY id LIMIT :limit")
                .param("after", afterId)
                .param("processor", processor)
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /** The parked sequences of a processor, each in event order. */
    List<List<DeadLetter>> sequences(String processor) {
        Map<String, List<DeadLetter>> bySequence = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM processor_dead_letter WHERE processor = :processor ORDER BY global_index")
                .param("processor", processor)
                .query(ROW)
                .list()
                .forEach(letter -> bySequence
                        .computeIfAbsent(letter.sequenceId(), key -> new ArrayList<>())
                        .add(letter));
        return List.copyOf(bySequence.values());
    }

    void remove(long id) {
        jdbc.sql("DELETE FROM processor_dead_letter WHERE id = :id")
                .param("id", id)
                .update();
    }

    void failedAgain(long id, String cause) {
        jdbc.sql("UPDATE processor_dead_letter SET attempts = attempts + 1, cause = :cause WHERE id = :id")
                .param("id", id)
                .param("cause", cause)
                .update();
    }

    /** Drops a letter for good: the operator decided its event is not to be handled. */
    public boolean evict(long id) {
        return jdbc.sql("DELETE FROM processor_dead_letter WHERE id = :id")
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Letters per processor, as stored now; also brings this node's in-memory counts up to date. */
    public Map<String, Long> refreshCounts() {
        Map<String, Long> stored = new ConcurrentHashMap<>();
        jdbc.sql("SELECT processor, count(*) AS letters FROM processor_dead_letter GROUP BY processor")
                .query((rs, row) -> Map.entry(rs.getString("processor"), rs.getLong("letters")))
                .list()
                .forEach(entry -> stored.put(entry.getKey(), entry.getValue()));
        counts.keySet().retainAll(stored.keySet());
        counts.putAll(stored);
        counted = true;
        return Map.copyOf(stored);
    }

    /** The gauge, by processor: every processor with a token, 0 for most, so an alert sees a series from the start. */
    @Scheduled(fixedDelayString = "${taskmesh.operations.lag-sample-interval:5s}")
    public void sample() {
        try {
            Map<String, Long> letters = new TreeMap<>();
            jdbc.sql("SELECT DISTINCT processor_name FROM token_entry WHERE processor_name NOT LIKE '%@rebuild'")
                    .query(String.class)
                    .list()
                    .forEach(processor -> letters.put(processor, 0L));
            letters.putAll(refreshCounts());
            gauge.register(
                    letters.entrySet().stream()
                            .map(entry -> MultiGauge.Row.of(Tags.of("processor", entry.getKey()), entry.getValue()))
                            .toList(),
                    true);
        } catch (RuntimeException e) {
            log.warn("Could not count the processors' dead letters: {}", e.toString());
        }
    }
}
