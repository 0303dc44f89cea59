package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** The task changed column; it lands at the end of the new one, at {@code rank}. */
public record TaskStatusChangedEvent(
        TaskId taskId, WorkspaceId workspaceId, TaskStatus from, TaskStatus to, String rank, UserId changedBy)
        implements TaskEvent {}
