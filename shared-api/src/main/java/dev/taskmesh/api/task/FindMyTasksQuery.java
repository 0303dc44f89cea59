package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.List;

/**
 * A page of the tasks assigned to {@code assignee} in {@code workspaces} (those the user is a member of now), the
 * latest change first; {@code after} as in FindTasksQuery.
 */
public record FindMyTasksQuery(UserId assignee, List<WorkspaceId> workspaces, String after, int limit) {

    public FindMyTasksQuery {
        workspaces = List.copyOf(workspaces);
    }
}
