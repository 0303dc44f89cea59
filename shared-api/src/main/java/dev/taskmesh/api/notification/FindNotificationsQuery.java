package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.List;

/**
 * A page of {@code userId}'s inbox, newest first, older than position {@code before} (0 for the first page): the
 * notifications of the {@code workspaces} they are a member of now, and their removal notices.
 */
public record FindNotificationsQuery(
        UserId userId, List<WorkspaceId> workspaces, boolean unreadOnly, long before, int limit) {

    public FindNotificationsQuery {
        workspaces = List.copyOf(workspaces);
    }
}
