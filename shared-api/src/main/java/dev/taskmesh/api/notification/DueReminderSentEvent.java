package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.LocalDate;

/** The assignee was reminded that a task of theirs is due on {@code dueDate}; once per task and date. */
public record DueReminderSentEvent(UserId userId, TaskId taskId, WorkspaceId workspaceId, LocalDate dueDate)
        implements InboxEvent {}
