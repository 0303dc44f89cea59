package dev.taskmesh.realtime.relay;

import dev.taskmesh.api.wire.EventType;
import dev.taskmesh.api.wire.MessageOrigin;
import dev.taskmesh.realtime.stream.NewFrame;
import dev.taskmesh.realtime.stream.StreamName;
import dev.taskmesh.realtime.stream.StreamRouting.Route;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the event frames of docs/realtime.md. The data is the event record as JSON: events carry no email and no
 * credential (shared/STYLE.md), so nothing needs to be left out for privacy today; a personal field added to an
 * event must be dropped here.
 */
public class EventFrames {

    private final JsonMapper json;

    public EventFrames(JsonMapper json) {
        this.json = json;
    }

    /** One frame per stream of the route, each rendered once its position is assigned. */
    public List<NewFrame> of(Route route, EventMessage<?> event) {
        JsonNode data = json.valueToTree(event.getPayload());
        String aggregateId = null;
        Long version = null;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateId = domainEvent.getAggregateIdentifier();
            version = domainEvent.getSequenceNumber();
        }
        ObjectNode common = json.createObjectNode();
        common.put("eventId", event.getIdentifier());
        common.put("eventType", EventType.of(event.getPayloadType()));
        common.put("aggregateId", aggregateId);
        common.put("version", version);
        common.put("actor", metaData(event, MessageOrigin.ACTOR));
        common.put("at", event.getTimestamp().toString());
        common.put("correlationId", metaData(event, MessageOrigin.REQUEST_ID));
        common.set("data", data);
        return route.streams().stream()
                .map(stream -> new NewFrame(
                        stream,
                        route.workspaceId(),
                        event.getIdentifier(),
                        position -> render(stream, position, common)))
                .toList();
    }

    private String render(StreamName stream, long position, ObjectNode common) {
        ObjectNode frame = json.createObjectNode();
        frame.put("type", "event");
        frame.put("stream", stream.toString());
        frame.put("position", position);
        frame.setAll(common);
        return json.writeValueAsString(frame);
    }

    private static String metaData(EventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
