package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** The task moved within its column; ranks order a column as plain strings (byte order), no other card changes. */
public record TaskRankedEvent(TaskId taskId, WorkspaceId workspaceId, String rank, UserId rankedBy)
        implements TaskEvent {}
