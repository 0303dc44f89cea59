package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.infra.BenchInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An event source that costs the server nothing: appends copies of a stored {@code TaskCreated} event (each with a
 * new task id) straight to the event store, and announces each commit on the bus the way a server node does, so the
 * server's processors wake as they would for a write on another node. It isolates what the processors cost from what
 * HTTP command handling costs, on a machine where the load generator and the server share two cores.
 */
final class EventAppender implements AutoCloseable {

    private static final int CONNECTIONS = 4;

    private final BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(CONNECTIONS);
    private final RedisClient redis;
    private final StatefulRedisConnection<String, String> publisher;
    private final String commitsChannel;
    private final String templateId;
    private final String payload;
    private final String type;
    private final String payloadType;
    private final byte[] metadata;

    private EventAppender(BenchInfrastructure infra, String jdbcUrl, String database) throws SQLException {
        try (Connection connection = infra.connect(jdbcUrl);
                ResultSet rs = connection.createStatement().executeQuery("""
                        SELECT aggregate_identifier, type, payload, payload_type, meta_data FROM domain_event_entry
                        WHERE payload_type LIKE '%.TaskCreatedEvent' ORDER BY global_index DESC LIMIT 1
                        """)) {
            if (!rs.next()) {
                throw new IllegalStateException("no TaskCreated event to copy: create a task first");
            }
            templateId = rs.getString(1);
            type = rs.getString(2);
            payload = new String(rs.getBytes(3), StandardCharsets.UTF_8);
            payloadType = rs.getString(4);
            metadata = rs.getBytes(5);
        }
        for (int i = 0; i < CONNECTIONS; i++) {
            Connection connection = infra.connect(jdbcUrl);
            connection.setAutoCommit(true);
            connections.add(connection);
        }
        redis = RedisClient.create(infra.redisUrl());
        publisher = redis.connect();
        commitsChannel = "taskmesh:" + database + ":commits";
    }

    static EventAppender open(BenchInfrastructure infra, String jdbcUrl, String database) throws SQLException {
        return new EventAppender(infra, jdbcUrl, database);
    }

    /** Appends one new task's creation and announces it. */
    boolean append() throws SQLException, InterruptedException {
        String taskId = UUID.randomUUID().toString();
        Connection connection = connections.take();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                meta_data, payload, payload_type, time_stamp)
                VALUES (?, 0, ?, ?, ?, ?, ?, ?)
                """)) {
            insert.setString(1, taskId);
            insert.setString(2, type);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setBytes(4, metadata);
            insert.setBytes(5, payload.replace(templateId, taskId).getBytes(StandardCharsets.UTF_8));
            insert.setString(6, payloadType);
            insert.setString(7, Instant.now().toString());
            insert.executeUpdate();
        } finally {
            connections.add(connection);
        }
        publisher.async().publish(commitsChannel, "bench");
        return true;
    }

    @Override
    public void close() throws SQLException {
        publisher.close();
        redis.shutdown();
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
