package dev.taskmesh.api.comment;

import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** A page of a task's comments, oldest first, after position {@code after} (0 for the first page). */
public record FindCommentsQuery(WorkspaceId workspaceId, TaskId taskId, long after, int limit) {}
