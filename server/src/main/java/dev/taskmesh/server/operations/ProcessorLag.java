package dev.taskmesh.server.operations;

import dev.taskmesh.server.web.StoredTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/**
 * How far every event processor is behind the event store's head: {@code taskmesh.processor.lag.events} (events
 * not yet handled) and {@code taskmesh.processor.lag.seconds} (the age of the oldest of them), by {@code processor}.
 *
 * <p>Read from the shared token table, not from this node's own processors: a processor that no node runs (its
 * claims lost, its nodes gone) then shows as a growing lag on every node, which is when an alert matters most. A
 * processor's position is its slowest segment's. Sampled every few seconds rather than per scrape, so any number of
 * scrapers cost the database the same.
 */
public class ProcessorLag {

    private static final Logger log = LoggerFactory.getLogger(ProcessorLag.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final MultiGauge events;
    private final MultiGauge seconds;

    public ProcessorLag(JdbcClient jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.events = MultiGauge.builder("taskmesh.processor.lag.events")
                .description("Events stored but not yet handled by the processor")
                .register(meters);
        this.seconds = MultiGauge.builder("taskmesh.processor.lag.seconds")
                .description("Age of the oldest event the processor has not handled; 0 when caught up")
                .baseUnit("seconds")
                .register(meters);
    }

    /** A processor's lag at one moment. */
    public record Lag(long events, double seconds) {}

    @Scheduled(fixedDelayString = "${taskmesh.operations.lag-sample-interval:5s}")
    public void sample() {
        try {
            Map<String, Lag> lags = measure();
            events.register(rows(lags, Lag::events), true);
            seconds.register(rows(lags, Lag::seconds), true);
        } catch (RuntimeException e) {
            log.warn("Could not measure the processors' lag: {}", e.toString());
        }
    }

    private static List<MultiGauge.Row<?>> rows(Map<String, Lag> lags, ToDoubleFunction<Lag> value) {
        return lags.entrySet().stream()
                .<MultiGauge.Row<?>>map(lag ->
                        MultiGauge.Row.of(Tags.of("processor", lag.getKey()), value.applyAsDouble(lag.getValue())))
                .toList();
    }

    /** Every processor's lag now, by name; rebuilds' own processors are left out (their progress has gauges). */
    public Map<String, Lag> measure() {
        long head = jdbc.sql("SELECT coalesce(max(global_index), -1) FROM domain_event_entry")
                .query(Long.class)
                .single();
        Map<String, Long> positions = new TreeMap<>();
        jdbc.sql("SELECT processor_name, token FROM token_entry WHERE processor_name NOT LIKE '%@rebuild'")
                .query((rs, row) -> Map.entry(rs.getString("processor_name"), position(rs.getBytes("token"))))
                .list()
                .forEach(segment -> positions.merge(segment.getKey(), segment.getValue(), Math::min));
        Map<String, Lag> lags = new TreeMap<>();
        positions.forEach((processor, position) -> lags.put(processor, lagAt(position, head)));
        return lags;
    }

    private Lag lagAt(long position, long head) {
        if (position >= head) {
            return new Lag(0, 0);
        }
        List<String> oldest = jdbc.sql("SELECT time_stamp FROM domain_event_entry WHERE global_index > :position"
                        + " ORDER BY global_index LIMIT 1")
                .param("position", position)
                .query(String.class)
                .list();
        double age = oldest.isEmpty()
                ? 0
                : Math.max(
                        0,
                        Duration.between(Instant.parse(oldest.getFirst()), clock.instant())
                                        .toMillis()
                                / 1000.0);
        return new Lag(head - position, age);
    }

    /** The global position a serialized token has reached; -1 before the first event. */
    private long position(byte[] token) {
        if (token == null) {
            return -1;
        }
        return StoredTokens.position(json.readTree(token)).orElse(-1);
    }
}
