package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.infra.BenchInfrastructure;
import dev.taskmesh.bench.load.ClosedLoop;
import dev.taskmesh.bench.record.LatencyRecorder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The yardstick for the write path: what PostgreSQL itself does when each client inserts one event-sized row and
 * commits, with nothing in between. A row like Axon's: identifiers, a sequence number and a few hundred bytes of
 * JSON payload and metadata.
 */
final class RawPostgres {

    private static final int PAYLOAD_BYTES = 300;
    private static final int METADATA_BYTES = 120;

    private RawPostgres() {}

    static LatencyRecorder.Snapshot insertAndCommit(
            BenchInfrastructure infra, String jdbcUrl, int concurrency, Duration duration) throws SQLException {
        try (Connection setup = infra.connect(jdbcUrl)) {
            setup.createStatement().execute("""
                            CREATE TABLE IF NOT EXISTS yardstick_event (
                                global_index BIGSERIAL PRIMARY KEY, aggregate_identifier VARCHAR(255) NOT NULL,
                                sequence_number BIGINT NOT NULL, event_identifier VARCHAR(255) NOT NULL UNIQUE,
                                payload_type VARCHAR(255) NOT NULL, payload BYTEA NOT NULL, meta_data BYTEA,
                                time_stamp VARCHAR(255) NOT NULL, UNIQUE (aggregate_identifier, sequence_number))
                            """);
        }
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> statements = new ArrayList<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                Connection connection = infra.connect(jdbcUrl);
                connection.setAutoCommit(true);
                connections.add(connection);
                statements.add(connection.prepareStatement("""
                        INSERT INTO yardstick_event (aggregate_identifier, sequence_number, event_identifier,
                                                     payload_type, payload, meta_data, time_stamp)
                        VALUES (?, 0, ?, 'dev.taskmesh.api.task.TaskCreatedEvent', ?, ?, ?)
                        """));
            }
            byte[] payload = new byte[PAYLOAD_BYTES];
            byte[] metadata = new byte[METADATA_BYTES];
            ThreadLocalRandom.current().nextBytes(payload);
            // each closed-loop client thread takes the statement of its own connection
            ThreadLocal<PreparedStatement> mine = new ThreadLocal<>();
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            return ClosedLoop.run(concurrency, duration, index -> {
                PreparedStatement insert = mine.get();
                if (insert == null) {
                    insert = statements.get(next.getAndIncrement());
                    mine.set(insert);
                }
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, UUID.randomUUID().toString());
                insert.setBytes(3, payload);
                insert.setBytes(4, metadata);
                insert.setString(5, java.time.Instant.now().toString());
                return insert.executeUpdate() == 1;
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /**
     * The yardstick of a read: one task row by its key over JDBC ({@code task_view}, the table a task read ends in),
     * at a fixed rate (open loop, as the reads it stands beside), on four connections taken in turn.
     */
    static LatencyRecorder.Snapshot readByKey(BenchInfrastructure infra, String jdbcUrl, double rate, Duration duration)
            throws SQLException, InterruptedException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = infra.connect(jdbcUrl);
                java.sql.ResultSet rs =
                        connection.createStatement().executeQuery("SELECT task_id::text FROM task_view LIMIT 1000")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("no task to read: the read yardstick runs after a seed");
        }
        java.util.concurrent.BlockingQueue<Connection> pool = new java.util.concurrent.ArrayBlockingQueue<>(4);
        try {
            for (int i = 0; i < 4; i++) {
                pool.add(infra.connect(jdbcUrl));
            }
            return dev.taskmesh.bench.load.OpenLoop.run(rate, duration, 256, index -> {
                Connection connection = pool.take();
                try (PreparedStatement read = connection.prepareStatement(
                        "SELECT task_id, title, status, version FROM task_view WHERE task_id = ?::uuid")) {
                    read.setString(1, ids.get((int) (index % ids.size())));
                    try (java.sql.ResultSet row = read.executeQuery()) {
                        return row.next();
                    }
                } finally {
                    pool.add(connection);
                }
            });
        } finally {
            for (Connection connection : pool) {
                connection.close();
            }
        }
    }
}
