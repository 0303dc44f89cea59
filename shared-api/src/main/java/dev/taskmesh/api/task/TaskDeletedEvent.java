package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** A soft delete: the events stay, the task answers as unknown from now on. */
public record TaskDeletedEvent(TaskId taskId, WorkspaceId workspaceId, UserId deletedBy) implements TaskEvent {}
