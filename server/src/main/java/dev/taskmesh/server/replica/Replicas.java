package dev.taskmesh.server.replica;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The configured replicas and their rotation. Every {@code check-interval} each replica is asked how far it has
 * replayed ({@code pg_last_wal_replay_lsn()}) against the primary's WAL position: the difference is its lag in bytes;
 * its lag in seconds is the time since it last replayed a transaction, while it has bytes to replay. A replica that
 * does not answer, or lags more than {@code max-lag}, leaves the rotation, and joins it again once it answers within
 * the bound. Metrics: {@code taskmesh.replicas.lag.bytes}, {@code .lag.seconds} and {@code .in.rotation}, by
 * {@code replica}.
 */
public class Replicas implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Replicas.class);
    private static final String REPLAYED =
            "SELECT pg_last_wal_replay_lsn()::text," + " extract(epoch FROM now() - pg_last_xact_replay_timestamp())";

    private final List<Replica> replicas = new ArrayList<>();
    private final JdbcClient primary;
    private final ReplicaProperties properties;
    private final AtomicInteger next = new AtomicInteger();

    Replicas(
            ReplicaProperties properties,
            String primaryUser,
            String primaryPassword,
            JdbcClient primary,
            MeterRegistry meters) {
        this.primary = primary;
        this.properties = properties;
        // the primary's credentials unless the replicas have their own
        boolean own = properties.user() != null && !properties.user().isBlank();
        for (String url : properties.urls()) {
            Replica replica = new Replica(
                    nameOf(url),
                    url,
                    own ? properties.user() : primaryUser,
                    own ? properties.password() : primaryPassword,
                    properties.poolSize());
            replicas.add(replica);
            Gauge.builder("taskmesh.replicas.lag.bytes", replica, r -> r.state().lagBytes())
                    .description("WAL the replica has not replayed yet")
                    .baseUnit("bytes")
                    .tag("replica", replica.name())
                    .register(meters);
            Gauge.builder(
                            "taskmesh.replicas.lag.seconds",
                            replica,
                            r -> r.state().lagSeconds())
                    .description("Time since the replica last replayed a transaction, while it has WAL to replay")
                    .tag("replica", replica.name())
                    .register(meters);
            Gauge.builder(
                            "taskmesh.replicas.in.rotation",
                            replica,
                            r -> r.state().inRotation() ? 1 : 0)
                    .description("1 while reads may go to the replica")
                    .tag("replica", replica.name())
                    .register(meters);
        }
    }

    boolean any() {
        return !replicas.isEmpty();
    }

    List<Replica> all() {
        return List.copyOf(replicas);
    }

    /** The primary's WAL position now: a write the caller has seen committed lies at or before it. */
    long primaryLsn() {
        return Lsn.parse(primary.sql("SELECT pg_current_wal_lsn()::text")
                .query(String.class)
                .single());
    }

    @Scheduled(fixedDelayString = "${taskmesh.replicas.check-interval:500ms}")
    public void check() {
        if (replicas.isEmpty()) {
            return;
        }
        long primaryLsn;
        try {
            primaryLsn = primaryLsn();
        } catch (RuntimeException e) {
            return; // the primary's own health says it; the replicas keep their last state
        }
        for (Replica replica : replicas) {
            Replica.State before = replica.state();
            Replica.State now = measure(replica, primaryLsn);
            replica.update(now);
            if (before.inRotation() && !now.inRotation()) {
                log.warn("Replica {} leaves the rotation: {}", replica.name(), now.problem());
            } else if (!before.inRotation() && now.inRotation()) {
                log.info("Replica {} joins the rotation ({} bytes behind)", replica.name(), now.lagBytes());
            }
        }
    }

    private Replica.State measure(Replica replica, long primaryLsn) {
        try (Connection connection = replica.connection();
                PreparedStatement statement = connection.prepareStatement(REPLAYED);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            if (rs.getString(1) == null) {
                return new Replica.State(false, 0, 0, 0, "not a replica: it replays no WAL");
            }
            long replayed = Lsn.parse(rs.getString(1));
            long lagBytes = Math.max(0, primaryLsn - replayed);
            double lagSeconds = lagBytes == 0 ? 0 : Math.max(0, rs.getDouble(2));
            boolean within = lagSeconds <= properties.maxLag().toMillis() / 1000.0;
            return new Replica.State(
                    within, replayed, lagBytes, lagSeconds, within ? null : "lags " + lagSeconds + " s behind");
        } catch (SQLException | RuntimeException e) {
            return new Replica.State(false, 0, 0, 0, e.getMessage());
        }
    }

    /**
     * A replica for a read that must see everything up to {@code lsn} (0: anything recent enough), taking turns among
     * those in the rotation; one behind {@code lsn} is waited for up to {@code read-your-writes-wait}.
     */
    Optional<Replica> choose(long lsn) {
        List<Replica> inRotation = replicas.stream()
                .filter(replica -> replica.state().inRotation())
                .toList();
        if (inRotation.isEmpty()) {
            return Optional.empty();
        }
        int start = Math.floorMod(next.getAndIncrement(), inRotation.size());
        long deadline = System.nanoTime() + properties.readYourWritesWait().toNanos();
        while (true) {
            for (int i = 0; i < inRotation.size(); i++) {
                Replica replica = inRotation.get((start + i) % inRotation.size());
                if (lsn == 0 || replica.state().replayedLsn() >= lsn || replayed(replica) >= lsn) {
                    return Optional.of(replica);
                }
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            pause(Duration.ofMillis(5));
        }
    }

    /** Marks a replica out after a read on it failed; the next check lets it back in once it answers. */
    void failed(Replica replica, Throwable cause) {
        Replica.State state = replica.state();
        replica.update(new Replica.State(
                false, state.replayedLsn(), state.lagBytes(), state.lagSeconds(), String.valueOf(cause.getMessage())));
        log.warn("Replica {} leaves the rotation: a read failed on it ({})", replica.name(), cause.toString());
    }

    private static long replayed(Replica replica) {
        try (Connection connection = replica.connection();
                PreparedStatement statement = connection.prepareStatement("SELECT pg_last_wal_replay_lsn()::text");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return Lsn.parse(rs.getString(1));
        } catch (SQLException | RuntimeException e) {
            return 0;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code host:port/database}: a name for logs, metrics and health that carries no credential. */
    private static String nameOf(String url) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        String path = uri.getPath() == null ? "" : uri.getPath();
        return uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + path;
    }

    @Override
    public void destroy() {
        replicas.forEach(Replica::close);
    }
}
