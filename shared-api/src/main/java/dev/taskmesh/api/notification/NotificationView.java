package dev.taskmesh.api.notification;

import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.Instant;
import java.util.UUID;

/**
 * One notification as its owner sees it, denormalised at creation: who did what (actor id and display name), to
 * which task in which project of which workspace, a short excerpt (a comment's first 140 characters, a status
 * change's "from → to"), when, and whether it has been read. Task and project are null for workspace notifications.
 */
public record NotificationView(
        UUID id,
        NotificationKind kind,
        WorkspaceId workspaceId,
        String workspaceName,
        Party actor,
        Party task,
        Party project,
        String excerpt,
        Instant createdAt,
        boolean read) {

    /** A user, task or project: its id and its name (display name, title) when the notification was created. */
    public record Party(String id, String name) {}
}
