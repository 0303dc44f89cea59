package dev.taskmesh.server.rebuild;

import dev.taskmesh.query.config.BulkFold;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The first pass of a rebuild for a read model with {@link BulkFold}s: every event of the store at its start, read in
 * one snapshot in aggregate order, upcast and deserialized by the batch, each aggregate's events folded into its row,
 * and the rows copied in (COPY) in batches on other threads while the next ones are folded. The folds run one after
 * the other in that snapshot. It answers the token the replay goes on from: the snapshot's last position, with the
 * positions below it that the snapshot did not hold as gaps (events committed later by transactions still open then,
 * which the replay then takes).
 */
final class BulkPass {

    /** Rows per COPY. */
    private static final int BATCH = 1_000;
    /** Events upcast and deserialized together: Axon's upcasting stream costs as much to set up as a few events. */
    private static final int DESERIALIZE = 500;
    /** How far below the snapshot's head a missing position still counts as a gap, as Axon's own storage sees it. */
    private static final long GAP_WINDOW = 10_000;

    private static final int FETCH = 2_000;

    private final DataSource live;
    private final Serializer eventSerializer;
    private final EventUpcaster upcasters;
    private final int copiers;

    /** @param copiers batches copied in at once, each on a connection and a thread of its own */
    BulkPass(DataSource live, Serializer eventSerializer, EventUpcaster upcasters, int copiers) {
        this.copiers = copiers;
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
    Outcome run(List<BulkFold> folds, DataSource shadow, LongConsumer progress) {
        ExecutorService inserts = Executors.newFixedThreadPool(
                copiers,
                Thread.ofPlatform().name("rebuild-bulk-insert-", 1).daemon().factory());
        JdbcClient copies = JdbcClient.create(shadow);
        try (Connection connection = live.getConnection()) {
            connection.setAutoCommit(false);
            // one snapshot: the head, its gaps and the events read all agree
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            long head = single(connection, "SELECT coalesce(max(global_index), -1) FROM domain_event_entry");
            List<Long> gaps = gaps(connection, head);
            long events = 0;
            for (BulkFold fold : folds) {
                fold.begin(copies);
                events = copyFolded(connection, head, fold, inserts, shadow, events, progress);
                fold.end(copies);
            }
            connection.commit();
            progress.accept(events);
            return new Outcome(events, GapAwareTrackingToken.newInstance(head, gaps));
        } catch (SQLException e) {
            throw new IllegalStateException("the bulk pass could not read the event store: " + e.getMessage(), e);
        } finally {
            inserts.shutdownNow();
        }
    }

    /**
     * One fold over its aggregates' events up to {@code head}, its rows copied in as they come; answers the events
     * folded so far, {@code before} and these.
     */
    private long copyFolded(
            Connection connection,
            long head,
            BulkFold fold,
            ExecutorService inserts,
            DataSource shadow,
            long before,
            LongConsumer progress)
            throws SQLException {
        long events = before;
        String copy = "COPY " + fold.table() + " (" + String.join(", ", fold.columns()) + ") FROM STDIN";
        Deque<Future<?>> pending = new ArrayDeque<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT global_index, aggregate_identifier, sequence_number, type, event_identifier, time_stamp,
                       payload_type, payload_revision, payload, meta_data
                FROM domain_event_entry WHERE type = ? AND global_index <= ?
                ORDER BY aggregate_identifier, sequence_number
                """)) {
            // binary results from the first row: as text, every payload arrives hex-encoded, twice its size
            select.unwrap(PGStatement.class).setPrepareThreshold(-1);
            select.setFetchSize(FETCH);
            select.setString(1, fold.aggregateType());
            select.setLong(2, head);
            try (ResultSet rs = select.executeQuery()) {
                List<TrackedDomainEventData<byte[]>> batch = new ArrayList<>();
                CopyText rows = new CopyText();
                while (rs.next()) {
                    TrackedDomainEventData<byte[]> entry = StoredEvent.tracked(rs);
                    if (batch.size() >= DESERIALIZE && !sameAggregate(batch.getLast(), entry)) {
                        foldAll(fold, batch, rows);
                        batch.clear();
                        if (rows.size() >= BATCH) {
                            copy(inserts, shadow, copy, rows, pending);
                            rows = new CopyText();
                        }
                    }
                    batch.add(entry);
                    if (++events % FETCH == 0) {
                        progress.accept(events);
                    }
                }
                foldAll(fold, batch, rows);
                copy(inserts, shadow, copy, rows, pending);
            }
        }
        pending.forEach(BulkPass::await);
        return events;
    }

    private static boolean sameAggregate(DomainEventData<?> one, DomainEventData<?> other) {
        return one.getAggregateIdentifier().equals(other.getAggregateIdentifier());
    }

    /**
     * Upcasts and deserializes whole aggregates' events at once, then folds each aggregate's into its row, if they
     * leave one.
     */
    private void foldAll(BulkFold fold, List<TrackedDomainEventData<byte[]>> batch, CopyText rows) {
        List<GenericTrackedDomainEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(
                        batch.stream(), eventSerializer, upcasters)
                .<GenericTrackedDomainEventMessage<?>>map(message -> (GenericTrackedDomainEventMessage<?>) message)
                .toList();
        int from = 0;
        for (int i = 1; i <= messages.size(); i++) {
            if (i == messages.size()
                    || !messages.get(i)
                            .getAggregateIdentifier()
                            .equals(messages.get(from).getAggregateIdentifier())) {
                Object[] row = fold.row(messages.subList(from, i));
                if (row != null) {
                    rows.row(row);
                }
                from = i;
            }
        }
    }

    /**
     * Hands a batch to an insert thread, once fewer than {@link #copiers} batches are in flight: PostgreSQL computes
     * generated columns (a search document's tsvector) as it copies, and one backend per core keeps up with the
     * folding.
     */
    private void copy(
            ExecutorService inserts, DataSource shadow, String copy, CopyText rows, Deque<Future<?>> pending) {
        while (pending.size() >= copiers) {
            await(pending.removeFirst());
        }
        if (rows.size() == 0) {
            return;
        }
        String text = rows.text();
        pending.addLast(inserts.submit(() -> {
            try (Connection connection = shadow.getConnection()) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(text));
            }
            return null;
        }));
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
