package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.List;

/** How many of the notifications {@link FindNotificationsQuery} would list are unread; answers a {@code Long}. */
public record CountUnreadQuery(UserId userId, List<WorkspaceId> workspaces) {

    public CountUnreadQuery {
        workspaces = List.copyOf(workspaces);
    }
}
