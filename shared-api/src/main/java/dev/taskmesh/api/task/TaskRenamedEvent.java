package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

public record TaskRenamedEvent(TaskId taskId, WorkspaceId workspaceId, String title, UserId changedBy)
        implements TaskEvent {}
