package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** {@code userId} now hears about the task: the creator and assignees start watching by themselves. */
public record TaskWatchStartedEvent(TaskId taskId, WorkspaceId workspaceId, UserId userId) implements TaskEvent {}
