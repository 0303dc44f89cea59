package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** {@code previousAssigneeId} is null when the task had nobody. */
public record TaskAssignedEvent(
        TaskId taskId, WorkspaceId workspaceId, UserId assigneeId, UserId previousAssigneeId, UserId assignedBy)
        implements TaskEvent {}
