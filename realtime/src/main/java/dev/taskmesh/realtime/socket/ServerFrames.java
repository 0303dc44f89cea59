package dev.taskmesh.realtime.socket;

import dev.taskmesh.realtime.stream.StreamName;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The server's frames other than events (those come ready-made from the replay log). */
final class ServerFrames {

    private final JsonMapper json;

    ServerFrames(JsonMapper json) {
        this.json = json;
    }

    String subscribed(JsonNode ref, StreamName stream, long head) {
        return write(frame("subscribed", ref).put("stream", stream.toString()).put("position", head));
    }

    String unsubscribed(JsonNode ref, StreamName stream) {
        return write(frame("unsubscribed", ref).put("stream", stream.toString()));
    }

    /** The client's {@code since} is older than the retained history: refetch state, then follow live. */
    String reset(JsonNode ref, StreamName stream, long head) {
        return write(frame("reset", ref).put("stream", stream.toString()).put("position", head));
    }

    /** Who is on a stream ({@code snapshot}), or who came or went ({@code join}, {@code leave}); never replayed. */
    String presence(JsonNode ref, String stream, String kind, List<String> users) {
        ObjectNode frame = frame("presence", ref).put("stream", stream).put("kind", kind);
        users.forEach(frame.putArray("users")::add);
        return write(frame);
    }

    String typing(String stream, String user, Instant expiresAt) {
        return write(
                frame("typing", null).put("stream", stream).put("user", user).put("expiresAt", expiresAt.toString()));
    }

    String pong(JsonNode ref) {
        return write(frame("pong", ref));
    }

    String authenticated(JsonNode ref, Instant expiresAt) {
        return write(frame("authenticated", ref).put("expiresAt", expiresAt.toString()));
    }

    String error(JsonNode ref, ErrorCode code, String message) {
        return write(frame("error", ref).put("code", code.wire()).put("message", message));
    }

    String error(JsonNode ref, ErrorCode code, StreamName stream, String message) {
        return write(frame("error", ref)
                .put("code", code.wire())
                .put("stream", stream.toString())
                .put("message", message));
    }

    private ObjectNode frame(String type, JsonNode ref) {
        ObjectNode frame = json.createObjectNode().put("type", type);
        if (ref != null) {
            frame.set("ref", ref);
        }
        return frame;
    }

    private String write(ObjectNode frame) {
        return json.writeValueAsString(frame);
    }
}
