package dev.taskmesh.api.task;

import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.workspace.WorkspaceId;

/**
 * A page of a project's tasks. {@code after} is the position key of the last task of the previous page, as the
 * answer gave it (null for the first page); it belongs to {@code sort}.
 */
public record FindTasksQuery(
        WorkspaceId workspaceId, ProjectId projectId, TaskFilter filter, TaskSort sort, String after, int limit) {}
