package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

public record TaskUnassignedEvent(
        TaskId taskId, WorkspaceId workspaceId, UserId previousAssigneeId, UserId unassignedBy) implements TaskEvent {}
