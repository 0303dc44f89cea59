package dev.taskmesh.realtime.socket;

import dev.taskmesh.realtime.stream.StoredFrame;
import dev.taskmesh.realtime.stream.StreamName;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recognises a member's removal among the frames every node receives. It is read from the removed user's own stream,
 * which every removal reaches exactly once, and a workspace's deletion, which removes everyone, from the workspace's
 * stream; a cheap text test first, so the other frames are never parsed.
 */
final class Revocations {

    private static final String MARKER = "\"eventType\":\"MemberRemoved\"";
    private static final String DELETED = "\"eventType\":\"WorkspaceDeleted\"";

    /** @param userId null when everyone is removed: the workspace was deleted */
    record Removal(UUID userId, UUID workspaceId) {

        boolean removes(UUID user) {
            return userId == null || userId.equals(user);
        }
    }

    private Revocations() {}

    static Optional<Removal> of(StoredFrame frame, JsonMapper json) {
        if (frame.stream().startsWith("workspace:") && frame.json().contains(DELETED)) {
            return Optional.of(
                    new Removal(null, StreamName.parse(frame.stream()).id()));
        }
        if (!frame.stream().startsWith("user:") || !frame.json().contains(MARKER)) {
            return Optional.empty();
        }
        JsonNode workspaceId = json.readTree(frame.json()).path("data").path("workspaceId");
        if (!workspaceId.isString()) {
            return Optional.empty();
        }
        return Optional.of(
                new Removal(StreamName.parse(frame.stream()).id(), UUID.fromString(workspaceId.stringValue())));
    }
}
