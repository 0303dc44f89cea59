package dev.taskmesh.api.task;

import dev.taskmesh.api.workspace.WorkspaceId;

/** A page of a task's files, in the order they were added, after position {@code after} (0 for the first page). */
public record FindAttachmentsQuery(WorkspaceId workspaceId, TaskId taskId, long after, int limit) {}
