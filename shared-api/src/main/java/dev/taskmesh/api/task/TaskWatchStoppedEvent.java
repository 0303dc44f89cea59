package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

public record TaskWatchStoppedEvent(TaskId taskId, WorkspaceId workspaceId, UserId userId) implements TaskEvent {}
