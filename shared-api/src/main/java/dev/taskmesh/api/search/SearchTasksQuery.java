package dev.taskmesh.api.search;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.List;

/**
 * One page of the tasks of {@code workspaceId} matching {@code text} (web-search syntax: quotes, {@code -word},
 * {@code or}; the last word also matches as a prefix), best match first, then the most recently changed. Each filter
 * list means any of its values, and an empty one no filter. {@code after} is where the previous page ended, null for
 * the first page.
 */
public record SearchTasksQuery(
        WorkspaceId workspaceId,
        String text,
        List<ProjectId> projects,
        List<TaskStatus> statuses,
        List<UserId> assignees,
        SearchAfter after,
        int limit) {

    public SearchTasksQuery {
        projects = List.copyOf(projects);
        statuses = List.copyOf(statuses);
        assignees = List.copyOf(assignees);
    }
}
