package dev.taskmesh.realtime.socket;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.realtime.stream.StreamName;
import java.util.Optional;
import java.util.UUID;

/** Who may subscribe to what, decided from the membership table on every subscribe. */
public interface StreamAccess {

    /**
     * A workspace stream: its members; a task stream: the members of the task's workspace; a user stream: that user.
     * Empty as well for streams that do not exist, so a refusal never tells which ids exist.
     */
    Optional<Grant> grant(UserId userId, StreamName stream);

    /** @param workspaceId the workspace whose membership the subscription rests on; null for a user stream */
    record Grant(UUID workspaceId) {}
}
