package dev.taskmesh.query.config;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A read model that can be rebuilt from the events into shadow copies of its tables while the live ones keep
 * serving (docs/operations.md#rebuilding-a-read-model). Its handlers name their tables without a schema, so the
 * same code writes to the shadow copies when given a connection whose search path puts the shadow schema first.
 */
public interface Rebuildable {

    /** The processing group that builds the live tables. */
    String processingGroup();

    /** Every table the handlers write, and only those: they are copied empty, rebuilt, and swapped in. */
    List<String> tables();

    /** Rows the empty shadow tables need before the first event is replayed; none by default. */
    default void prepare(JdbcClient shadow) {}

    /**
     * A fresh instance of the projection's event handlers writing through {@code shadow}, with every side effect
     * (pushes, deliveries, cache invalidations) switched off: a rebuild only rewrites rows.
     */
    Object handlers(JdbcClient shadow);

    /**
     * A faster first pass, for a read model whose rows each fold one aggregate's events: the folds run in this order
     * over one snapshot of the store; none by default.
     */
    default List<BulkFold> bulkFolds() {
        return List.of();
    }

    /**
     * Which events must be handled in order, one after the other: a rebuild replays on several threads, each taking
     * the events of some sequences. By default an aggregate's events; a read model whose rows gather several
     * aggregates' events must keep those in one sequence.
     */
    default SequencingPolicy<? super EventMessage<?>> sequencing() {
        return SequentialPerAggregatePolicy.instance();
    }
}
