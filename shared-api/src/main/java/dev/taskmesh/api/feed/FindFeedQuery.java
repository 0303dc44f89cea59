package dev.taskmesh.api.feed;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.List;

/**
 * A page of {@code userId}'s feed from {@code workspaces} (those they are a member of now), newest first, older than
 * position {@code before} (0 for the first page).
 */
public record FindFeedQuery(UserId userId, List<WorkspaceId> workspaces, long before, int limit) {

    public FindFeedQuery {
        workspaces = List.copyOf(workspaces);
    }
}
