package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.LocalDate;

/** {@code dueDate} is null when it was cleared. */
public record TaskDueDateChangedEvent(TaskId taskId, WorkspaceId workspaceId, LocalDate dueDate, UserId changedBy)
        implements TaskEvent {}
