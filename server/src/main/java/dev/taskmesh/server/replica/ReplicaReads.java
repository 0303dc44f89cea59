package dev.taskmesh.server.replica;

import dev.taskmesh.server.web.ReadConsistency;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Serves a read-only query from a replica when one is fit for it, else from the primary, and never less current than
 * the caller asked for. With {@code ?minPosition=}, the read model is first awaited on the primary as always
 * (ReadConsistency); the primary's WAL position at that moment is then at or past the commit that brought the read
 * model there, so a replica that has replayed up to it holds the write too. A replica is waited for up to
 * {@code read-your-writes-wait}, then the primary serves. A read that fails on a replica because the replica went
 * away is served again by the primary, and the replica leaves the rotation: no user request fails for it.
 *
 * <p>Only the callers' query runs routed: the membership lookups and the read-model wait before it stay on the
 * primary. Metric: {@code taskmesh.replicas.reads} by {@code source} (a replica's name, or {@code primary}) and
 * {@code reason} ({@code replica}, {@code none-configured}, {@code none-fit}, {@code replica-failed}).
 */
public class ReplicaReads {

    private final Replicas replicas;
    private final ReadConsistency consistency;
    private final MeterRegistry meters;

    public ReplicaReads(Replicas replicas, ReadConsistency consistency, MeterRegistry meters) {
        this.replicas = replicas;
        this.consistency = consistency;
        this.meters = meters;
    }

    /** Awaits {@code readModels} at {@code minPosition} (none: at once), then runs {@code query}. */
    public <T> T read(Long minPosition, Supplier<T> query, String... readModels) {
        for (String readModel : readModels) {
            consistency.await(readModel, minPosition);
        }
        if (!replicas.any()) {
            return count("primary", "none-configured", query);
        }
        long lsn = minPosition == null ? 0 : replicas.primaryLsn();
        Optional<Replica> chosen = replicas.choose(lsn);
        if (chosen.isEmpty()) {
            return count("primary", "none-fit", query);
        }
        Replica replica = chosen.get();
        RoutingDataSource.route(replica);
        try {
            T result = query.get();
            meters.counter("taskmesh.replicas.reads", "source", replica.name(), "reason", "replica")
                    .increment();
            return result;
        } catch (RuntimeException e) {
            if (!replicaWentAway(e)) {
                throw e;
            }
            replicas.failed(replica, e);
        } finally {
            RoutingDataSource.clear();
        }
        return count("primary", "replica-failed", query);
    }

    private <T> T count(String source, String reason, Supplier<T> query) {
        T result = query.get();
        meters.counter("taskmesh.replicas.reads", "source", source, "reason", reason)
                .increment();
        return result;
    }

    /**
     * A connection that could not be had or broke (SQLState class 08), or a server shutting down (57P01-57P03),
     * anywhere in the cause chain (the query bus wraps what a handler threw).
     */
    static boolean replicaWentAway(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }
}
