package dev.taskmesh.api.task;

import dev.taskmesh.api.workspace.WorkspaceId;

/** A page of a task's changes, oldest first, from version {@code from} (0 for the first page). */
public record FindTaskHistoryQuery(WorkspaceId workspaceId, TaskId taskId, long from, int limit) {}
