package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** {@code description} is null when it was cleared. */
public record TaskDescriptionChangedEvent(TaskId taskId, WorkspaceId workspaceId, String description, UserId changedBy)
        implements TaskEvent {}
