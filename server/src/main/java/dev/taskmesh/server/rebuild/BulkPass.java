package dev.taskmesh.server.rebuild;

import dev.taskmesh.query.config.BulkFold;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.postgresql.PGConnection;

/**
 * The first pass of a rebuild for a read model with a {@link BulkFold}: every event of the store at its start, read
 * in one snapshot in aggregate order, each aggregate's events upcast, deserialized and folded into its row, and the
 * rows copied in (COPY) in batches on a second thread while the next ones are folded. It answers the token the replay goes on
 * from: the snapshot's last position, with the positions below it that the snapshot did not hold as gaps (events
 * committed later by transactions still open then, which the replay then takes).
 */
final class BulkPass {

    /** Rows per COPY. */
    private static final int BATCH = 1_000;
    /** How far below the snapshot's head a missing position still counts as a gap, as Axon's own storage sees it. */
    private static final long GAP_WINDOW = 10_000;

    private static final int FETCH = 2_000;

    private final DataSource live;
    private final Serializer eventSerializer;
    private final EventUpcaster upcasters;

    BulkPass(DataSource live, Serializer eventSerializer, EventUpcaster upcasters) {
        this.live = live;
        this.eventSerializer = eventSerializer;
        this.upcasters = upcasters;
    }

    /** What the pass did: how many events it folded, and where the replay goes on from. */
    record Outcome(long events, TrackingToken replayFrom) {}

    /**
     * @param shadow connections whose search path finds the empty copies first
     * @param progress told the number of events folded so far
     */
    Outcome run(BulkFold fold, DataSource shadow, LongConsumer progress) {
        String copy = "COPY " + fold.table() + " (" + String.join(", ", fold.columns()) + ") FROM STDIN";
        ExecutorService inserts = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("rebuild-bulk-insert").daemon().factory());
        try (Connection connection = live.getConnection()) {
            connection.setAutoCommit(false);
            // one snapshot: the head, its gaps and the events read all agree
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            long head = single(connection, "SELECT coalesce(max(global_index), -1) FROM domain_event_entry");
            List<Long> gaps = gaps(connection, head);
            long events = 0;
            Future<?> pending = null;
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT aggregate_identifier, sequence_number, type, event_identifier, time_stamp, payload_type,
                           payload_revision, payload, meta_data
                    FROM domain_event_entry WHERE type = ? AND global_index <= ?
                    ORDER BY aggregate_identifier, sequence_number
                    """)) {
                select.setFetchSize(FETCH);
                select.setString(1, fold.aggregateType());
                select.setLong(2, head);
                try (ResultSet rs = select.executeQuery()) {
                    List<GenericDomainEventEntry<byte[]>> aggregate = new ArrayList<>();
                    CopyText rows = new CopyText();
                    while (rs.next()) {
                        GenericDomainEventEntry<byte[]> entry = entry(rs);
                        if (!aggregate.isEmpty() && !sameAggregate(aggregate.getFirst(), entry)) {
                            fold(fold, aggregate, rows);
                            aggregate.clear();
                            if (rows.size() >= BATCH) {
                                pending = copy(inserts, shadow, copy, rows, pending);
                                rows = new CopyText();
                            }
                        }
                        aggregate.add(entry);
                        if (++events % FETCH == 0) {
                            progress.accept(events);
                        }
                    }
                    if (!aggregate.isEmpty()) {
                        fold(fold, aggregate, rows);
                    }
                    pending = copy(inserts, shadow, copy, rows, pending);
                }
            }
            await(pending);
            connection.commit();
            progress.accept(events);
            return new Outcome(events, GapAwareTrackingToken.newInstance(head, gaps));
        } catch (SQLException e) {
            throw new IllegalStateException("the bulk pass could not read the event store: " + e.getMessage(), e);
        } finally {
            inserts.shutdownNow();
        }
    }

    private static boolean sameAggregate(GenericDomainEventEntry<?> one, GenericDomainEventEntry<?> other) {
        return one.getAggregateIdentifier().equals(other.getAggregateIdentifier());
    }

    /** Upcasts, deserializes and folds one aggregate's events into its row, if they leave one. */
    private void fold(BulkFold fold, List<GenericDomainEventEntry<byte[]>> aggregate, CopyText rows) {
        List<? extends DomainEventMessage<?>> messages = EventStreamUtils.asStream(
                        EventStreamUtils.upcastAndDeserializeDomainEvents(
                                aggregate.stream(), eventSerializer, upcasters))
                .toList();
        Object[] row = fold.row(messages);
        if (row != null) {
            rows.row(row);
        }
    }

    /** Hands a batch to the insert thread once the one before it is in: at most one batch waits. */
    private static Future<?> copy(
            ExecutorService inserts, DataSource shadow, String copy, CopyText rows, Future<?> before) {
        await(before);
        if (rows.size() == 0) {
            return null;
        }
        String text = rows.text();
        return inserts.submit(() -> {
            try (Connection connection = shadow.getConnection()) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(text));
            }
            return null;
        });
    }

    private static void await(Future<?> insert) {
        if (insert == null) {
            return;
        }
        try {
            insert.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the bulk pass could not write its rows: " + e.getCause().getMessage(), e);
        }
    }

    private static GenericDomainEventEntry<byte[]> entry(ResultSet rs) throws SQLException {
        return new GenericDomainEventEntry<>(
                rs.getString("type"),
                rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"),
                rs.getString("event_identifier"),
                rs.getString("time_stamp"),
                rs.getString("payload_type"),
                rs.getString("payload_revision"),
                rs.getBytes("payload"),
                rs.getBytes("meta_data"));
    }

    /** Positions near the head that the snapshot does not hold: open transactions may still commit them. */
    private static List<Long> gaps(Connection connection, long head) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT g FROM generate_series(greatest(1, ? - ?), ?) g
                WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry WHERE global_index = g)
                """)) {
            select.setLong(1, head);
            select.setLong(2, GAP_WINDOW);
            select.setLong(3, head);
            List<Long> gaps = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    gaps.add(rs.getLong(1));
                }
            }
            return gaps;
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
