package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.infra.BenchInfrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** Waits, from outside the server, until its tracking processors have caught up with the event store. */
final class Projections {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private Projections() {}

    /** Returns once every processor's token has reached the last stored event, or after two minutes. */
    static void awaitIdle(BenchInfrastructure infra, String jdbcUrl) throws SQLException {
        awaitIdle(infra, jdbcUrl, PATIENCE);
    }

    /** As above, with the patience a large seeded history needs. */
    static void awaitIdle(BenchInfrastructure infra, String jdbcUrl, Duration patience) throws SQLException {
        long deadline = System.nanoTime() + patience.toNanos();
        try (Connection connection = infra.connect(jdbcUrl)) {
            while (System.nanoTime() < deadline && behind(connection) > 0) {
                // a status probe of the server's progress, every 100 ms, while it drains a burst
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many processors' tokens (as stored JSON) are short of the last global index. */
    private static long behind(Connection connection) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("""
                        SELECT count(*) FROM token_entry
                        WHERE coalesce((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint, -1)
                              < (SELECT coalesce(max(global_index), 0) FROM domain_event_entry)
                        """)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
