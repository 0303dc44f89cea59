package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.List;
import java.util.UUID;

/** Whether {@code userId} has notification {@code id} in view, as {@link FindNotificationsQuery} lists; a Boolean. */
public record FindNotificationQuery(UserId userId, List<WorkspaceId> workspaces, UUID id) {

    public FindNotificationQuery {
        workspaces = List.copyOf(workspaces);
    }
}
