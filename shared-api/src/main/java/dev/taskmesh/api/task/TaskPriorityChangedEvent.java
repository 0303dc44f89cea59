package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

public record TaskPriorityChangedEvent(TaskId taskId, WorkspaceId workspaceId, TaskPriority priority, UserId changedBy)
        implements TaskEvent {}
