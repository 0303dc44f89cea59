package dev.taskmesh.server.export;

import dev.taskmesh.api.wire.EventType;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.server.rebuild.StoredEvent;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one workspace as a single JSON document: {@code workspace} (its row), {@code state} (its members, projects,
 * tasks and comments as the read models hold them now) and {@code events} (every event of the workspace, in store
 * order, upcast and deserialized as a projection sees them, personal data decrypted). The workspace's events are
 * found through the feed's event table (one row per event of a workspace, keyed by global position), so the export
 * reads the workspace's events only, not the whole store. It reads in one repeatable-read transaction: state and
 * events come from the same snapshot, however long the writing takes.
 */
public class WorkspaceExport {

    private static final int PAGE = 500;
    private static final List<String> STATE_TABLES =
            List.of("workspace_member", "project_view", "task_view", "comment_view");

    private final JdbcClient jdbc;
    private final Serializer eventSerializer;
    private final EventUpcaster upcasters;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate snapshot;

    public WorkspaceExport(
            JdbcClient jdbc,
            Serializer eventSerializer,
            EventUpcaster upcasters,
            JsonMapper json,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.eventSerializer = eventSerializer;
        this.upcasters = upcasters;
        this.json = json;
        this.clock = clock;
    }

    public boolean exists(WorkspaceId workspace) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM workspace WHERE workspace_id = :ws)")
                .param("ws", workspace.value())
                .query(Boolean.class)
                .single();
    }

    public void write(WorkspaceId workspace, OutputStream out) {
        snapshot.executeWithoutResult(status -> writeSnapshot(workspace, out));
    }

    private void writeSnapshot(WorkspaceId workspace, OutputStream out) {
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("exportedAt", clock.instant().toString());
            generator.writeName("workspace");
            generator.writeRawValue(jdbc.sql("SELECT row_to_json(w)::text FROM workspace w WHERE workspace_id = :ws")
                    .param("ws", workspace.value())
                    .query(String.class)
                    .single());
            generator.writeName("state");
            generator.writeStartObject();
            for (String table : STATE_TABLES) {
                generator.writeName(table);
                generator.writeStartArray();
                // the table names are this class's constants, never input
                jdbc.sql("SELECT row_to_json(t)::text FROM " + table + " t WHERE workspace_id = :ws")
                        .param("ws", workspace.value())
                        .query((RowCallbackHandler) row -> generator.writeRawValue(row.getString(1)));
                generator.writeEndArray();
            }
            generator.writeEndObject();
            generator.writeName("events");
            generator.writeStartArray();
            writeEvents(workspace, generator);
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }

    private void writeEvents(WorkspaceId workspace, JsonGenerator generator) {
        long after = -1;
        List<TrackedDomainEventData<byte[]>> page;
        do {
            page = jdbc.sql("""
                            SELECT d.global_index, d.type, d.aggregate_identifier, d.sequence_number,
                                   d.event_identifier, d.time_stamp, d.payload_type, d.payload_revision, d.payload,
                                   d.meta_data
                            FROM feed_event f JOIN domain_event_entry d ON d.global_index = f.event_seq
                            WHERE f.workspace_id = :ws AND f.event_seq > :after
                            ORDER BY f.event_seq LIMIT :limit
                            """)
                    .param("ws", workspace.value())
                    .param("after", after)
                    .param("limit", PAGE)
                    .query((rs, row) -> StoredEvent.tracked(rs))
                    .list();
            EventUtils.upcastAndDeserializeTrackedEvents(page.stream(), eventSerializer, upcasters)
                    .forEach(event -> write(event, generator));
            if (!page.isEmpty()) {
                after = page.getLast().trackingToken().position().orElseThrow();
            }
        } while (page.size() == PAGE);
    }

    private void write(TrackedEventMessage<?> event, JsonGenerator generator) {
        generator.writeStartObject();
        generator.writeNumberProperty(
                "position", event.trackingToken().position().orElse(-1));
        generator.writeStringProperty("eventId", event.getIdentifier());
        generator.writeStringProperty("eventType", EventType.of(event.getPayloadType()));
        if (event instanceof DomainEventMessage<?> domain) {
            generator.writeStringProperty("aggregateId", domain.getAggregateIdentifier());
            generator.writeNumberProperty("version", domain.getSequenceNumber());
        }
        generator.writeStringProperty("at", event.getTimestamp().toString());
        generator.writePOJOProperty("metaData", Map.copyOf(event.getMetaData()));
        generator.writePOJOProperty("data", event.getPayload());
        generator.writeEndObject();
    }
}
