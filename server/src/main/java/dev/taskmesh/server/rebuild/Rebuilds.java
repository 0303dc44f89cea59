package dev.taskmesh.server.rebuild;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskmesh.query.config.Rebuildable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuildable read models by processing group, and the rebuilds running on this node with their progress (also
 * the gauges {@code taskmesh.rebuild.progress} and {@code taskmesh.rebuild.events}, by {@code projection}). One
 * rebuild per read model at a time across all nodes: a PostgreSQL advisory lock, held by the rebuild's own
 * connection, says which node runs it.
 */
public class Rebuilds {

    private final Map<String, Rebuildable> projections = new TreeMap<>();
    private final Map<String, RebuildProgress> latest = new ConcurrentHashMap<>();
    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EventStore events;
    private final Serializer serializer;
    private final BulkPass bulk;
    private final Clock clock;
    private final MeterRegistry meters;
    private final int threads;

    public Rebuilds(
            List<Rebuildable> rebuildables,
            DataSource dataSource,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            EventStore events,
            Serializer serializer,
            BulkPass bulk,
            Clock clock,
            MeterRegistry meters,
            int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException(
                    "TASKMESH_REBUILD_THREADS must be 0 (one per core) or more, was " + threads);
        }
        this.threads = threads;
        rebuildables.forEach(projection -> projections.put(projection.processingGroup(), projection));
        try {
            this.dataSource = dataSource.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException("rebuilds need the application's Hikari pool to copy its settings", e);
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.serializer = serializer;
        this.bulk = bulk;
        this.clock = clock;
        this.meters = meters;
    }

    /** The processing groups that can be rebuilt, in name order. */
    public List<String> names() {
        return List.copyOf(projections.keySet());
    }

    public boolean exists(String name) {
        return projections.containsKey(name);
    }

    /** The latest progress of a rebuild started on this node, if any. */
    public Optional<RebuildProgress> progress(String name) {
        return Optional.ofNullable(latest.get(name));
    }

    /**
     * Rebuilds {@code name} on the calling thread, telling {@code listener} of its progress.
     *
     * @throws IllegalArgumentException for a name that is not a rebuildable read model
     * @throws RebuildRunning when a rebuild of it runs already, here or on another node
     */
    public RebuildProgress run(String name, Consumer<RebuildProgress> listener) {
        Rebuildable projection = projection(name);
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, "pg_try_advisory_lock", name)) {
                throw new RebuildRunning(name);
            }
            try {
                registerGauges(name);
                return new ProjectionRebuild(
                                projection, dataSource, jdbc, transactions, events, serializer, bulk, clock, threads)
                        .run(progress -> {
                            latest.put(name, progress);
                            listener.accept(progress);
                        });
            } finally {
                advisoryLock(lock, "pg_advisory_unlock", name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the rebuild lock: " + e.getMessage(), e);
        }
    }

    /** Starts rebuilding {@code name} on a thread of its own; answers at once. Same failures as {@link #run}. */
    public RebuildProgress start(String name) {
        projection(name);
        RebuildProgress current = latest.get(name);
        if (current != null && current.finishedAt() == null) {
            throw new RebuildRunning(name);
        }
        RebuildProgress started = RebuildProgress.started(name, clock.instant());
        latest.put(name, started);
        Thread.ofPlatform().name("rebuild-" + name).start(() -> {
            try {
                run(name, progress -> {});
            } catch (RuntimeException e) {
                latest.put(name, started.failed(e.getMessage(), clock.instant()));
            }
        });
        return started;
    }

    /** @throws IllegalArgumentException for a name that is not a rebuildable read model */
    private Rebuildable projection(String name) {
        Rebuildable projection = projections.get(name);
        if (projection == null) {
            throw new IllegalArgumentException("no read model named " + name + "; rebuildable: " + names());
        }
        return projection;
    }

    private void registerGauges(String name) {
        Gauge.builder("taskmesh.rebuild.progress", latest, all -> fraction(all.get(name)))
                .description("fraction of the events replayed by the latest rebuild of a read model")
                .tag("projection", name)
                .register(meters);
        Gauge.builder("taskmesh.rebuild.events", latest, all -> done(all.get(name)))
                .description("events replayed by the latest rebuild of a read model")
                .tag("projection", name)
                .register(meters);
    }

    private static double fraction(RebuildProgress progress) {
        return progress == null ? 0 : progress.fraction();
    }

    private static double done(RebuildProgress progress) {
        return progress == null ? 0 : progress.done();
    }

    private static boolean advisoryLock(Connection connection, String function, String name) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT " + function + "(hashtext('taskmesh.rebuild:' || ?))")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** A rebuild of this read model is running already. */
    public static final class RebuildRunning extends RuntimeException {
        RebuildRunning(String name) {
            super("a rebuild of " + name + " is running already");
        }
    }
}
