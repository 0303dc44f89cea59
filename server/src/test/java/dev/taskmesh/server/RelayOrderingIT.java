package dev.taskmesh.server;

import static dev.taskmesh.server.RealtimeStreamsIT.positions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.project.ProjectRenamedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.StreamClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Positions follow delivery, not the event store's global index: an event whose transaction commits late still gets
 * the next position, and a relay that fails halfway through a batch leaves no position behind.
 */
class RelayOrderingIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    User owner;
    String workspace;
    String project;
    String stream;

    @BeforeEach
    void board() {
        Board board = Board.create(api, jdbc, "Ordering");
        owner = board.owner();
        workspace = board.workspace();
        project = board.project();
        stream = board.stream();
    }

    @Test
    void anEventCommittedAfterAHigherGlobalIndexGetsTheNextPosition() throws Exception {
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            long head = client.subscribe(stream, null);
            long lateIndex;
            try (Connection late = dataSource.getConnection()) {
                late.setAutoCommit(false);
                lateIndex = appendRename(late, "Renamed late");

                // committed while the transaction holding the lower index is still open
                String taskId = Api.expect(api.createTask(owner, workspace, project, "Early"), 201)
                        .text("id");
                JsonNode first = client.awaitEvents(stream, 1).getFirst();
                assertThat(first.path("aggregateId").asString()).isEqualTo(taskId);
                assertThat(globalIndexOf(first.path("eventId").asString())).isGreaterThan(lateIndex);
                late.commit();
            }
            List<JsonNode> events = client.awaitEvents(stream, 2);
            assertThat(positions(events)).containsExactly(head + 1, head + 2);
            assertThat(events.get(1).path("eventType").asString()).isEqualTo("ProjectRenamed");
            assertThat(events.get(1).path("data").path("name").asString()).isEqualTo("Renamed late");
        }
    }

    @Test
    void aRelayFailingHalfwayThroughABatchStoresNothingOfItAndRedoesItWhole() throws Exception {
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            long head = client.subscribe(stream, null);
            try (Connection blocker = dataSource.getConnection()) {
                // hold the relay at its first event so the next four queue up into one batch
                blocker.setAutoCommit(false);
                blocker.createStatement().execute("SELECT position FROM stream_head WHERE stream = '*' FOR UPDATE");
                for (int i = 0; i < 5; i++) {
                    Api.expect(api.createTask(owner, workspace, project, "Batch " + i), 201);
                }
                failInsertsOf(stream, head + 3);
                blocker.commit();
            }
            client.awaitEvents(stream, 1);
            // the batch holding head+2 … head+5 fails at head+3: head+2 must not be stored (nor sent) either
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !stored(stream, head + 2));
            assertThat(client.events(stream)).hasSize(1);

            execute("DROP TRIGGER fail_relay ON stream_frame");
            List<JsonNode> events = client.awaitEvents(stream, 5);
            assertThat(positions(events))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(head + 1, head + 5).boxed().toList());
            await().during(Duration.ofMillis(500))
                    .until(() -> client.events(stream).size() == 5);
        }
    }

    private long appendRename(Connection connection, String name) throws Exception {
        ProjectRenamedEvent event = new ProjectRenamedEvent(
                ProjectId.parse(project), WorkspaceId.parse(workspace), name, UserId.parse(owner.id()));
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                VALUES (?, 1, 'Project', ?, ?, ?, NULL, ?, ?) RETURNING global_index
                """)) {
            insert.setString(1, project);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setBytes(3, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            insert.setBytes(4, payload.getData());
            insert.setString(5, payload.getType().getName());
            insert.setString(6, Instant.now().toString());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long globalIndexOf(String eventId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")) {
            query.setString(1, eventId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void failInsertsOf(String stream, long position) throws Exception {
        execute("""
                CREATE FUNCTION fail_relay() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.stream = '%s' AND NEW.position = %d THEN
                        RAISE EXCEPTION 'relay killed mid-batch';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(stream, position));
        execute("CREATE TRIGGER fail_relay BEFORE INSERT ON stream_frame FOR EACH ROW EXECUTE FUNCTION fail_relay()");
    }

    private boolean stored(String stream, long position) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT 1 FROM stream_frame WHERE stream = ? AND position = ?")) {
            query.setString(1, stream);
            query.setLong(2, position);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
