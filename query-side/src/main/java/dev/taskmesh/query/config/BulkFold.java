package dev.taskmesh.query.config;

import java.util.List;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table whose rows each come from one aggregate's events can be rebuilt in bulk: each aggregate's events are folded
 * in memory into its whole row, and the rows are copied in by the batch, instead of one statement per event through
 * the handlers. The rebuild does this for every event in the store at its start, then lets the handlers replay what
 * came after (docs/operations.md#rebuilding-a-read-model). The fold must give the rows the handlers would have
 * written: RebuildIT compares the tables.
 */
public interface BulkFold {

    /** The aggregate type whose events are folded, as the event store names it (the aggregate's class name). */
    String aggregateType();

    /** The table the rows go to. */
    String table();

    /** Its columns, in the order {@link #row} gives their values. */
    List<String> columns();

    /**
     * Before the first row, with the copies being built: a fold that needs what an earlier fold of the same read
     * model wrote reads it here.
     */
    default void begin(JdbcClient shadow) {}

    /**
     * One aggregate's events, in sequence order, folded into its row; null when they leave none. The events carry
     * their global positions. Values are null, strings, numbers, booleans, UUIDs, {@link java.sql.Timestamp}s,
     * {@link java.sql.Date}s, or arrays of strings or UUIDs.
     */
    Object[] row(List<GenericTrackedDomainEventMessage<?>> events);

    /** After the last row: for what the fold gathered across aggregates. */
    default void end(JdbcClient shadow) {}
}
