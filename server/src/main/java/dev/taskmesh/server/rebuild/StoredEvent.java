package dev.taskmesh.server.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * One row of the event store as the bulk pass reads it. Axon's own entry keeps the time as text and parses it with a
 * general ISO formatter on every read: a sixth of the bulk pass's time. Axon writes it in one fixed shape
 * ({@code 2026-11-29T08:27:01.134Z}), which is parsed here by position; any other shape goes to Axon's parser.
 */
public record StoredEvent(
        String type,
        String aggregateIdentifier,
        long sequenceNumber,
        String eventIdentifier,
        Instant timestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metaData)
        implements DomainEventData<byte[]> {

    private static final int FIXED_LENGTH = "2026-11-29T08:27:01.134Z".length();

    /**
     * The row under the result set's cursor, with its global position: columns {@code global_index, type,
     * aggregate_identifier, sequence_number, event_identifier, time_stamp, payload_type, payload_revision, payload,
     * meta_data}.
     */
    public static TrackedDomainEventData<byte[]> tracked(ResultSet rs) throws SQLException {
        return new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(rs.getLong("global_index")),
                new StoredEvent(
                        rs.getString("type"),
                        rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number"),
                        rs.getString("event_identifier"),
                        parseTimestamp(rs.getString("time_stamp")),
                        rs.getString("payload_type"),
                        rs.getString("payload_revision"),
                        rs.getBytes("payload"),
                        rs.getBytes("meta_data")));
    }

    static Instant parseTimestamp(String text) {
        if (text.length() == FIXED_LENGTH
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':'
                && text.charAt(19) == '.'
                && text.charAt(23) == 'Z') {
            try {
                long day = LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10))
                        .toEpochDay();
                long second = day * 86_400
                        + digits(text, 11, 13) * 3_600L
                        + digits(text, 14, 16) * 60L
                        + digits(text, 17, 19);
                return Instant.ofEpochSecond(second, digits(text, 20, 23) * 1_000_000L);
            } catch (DateTimeException | NumberFormatException e) {
                // not a date after all: Axon's parser says why
            }
        }
        return DateTimeUtils.parseInstant(text);
    }

    private static int digits(String text, int from, int to) {
        int value = Integer.parseInt(text, from, to, 10);
        if (text.charAt(from) == '+' || text.charAt(from) == '-') {
            throw new NumberFormatException("a sign where a digit belongs");
        }
        return value;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public String getAggregateIdentifier() {
        return aggregateIdentifier;
    }

    @Override
    public long getSequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public String getEventIdentifier() {
        return eventIdentifier;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public SerializedObject<byte[]> getMetaData() {
        return new SerializedMetaData<>(metaData, byte[].class);
    }

    @Override
    public SerializedObject<byte[]> getPayload() {
        return new SimpleSerializedObject<>(payload, byte[].class, payloadType, payloadRevision);
    }
}
