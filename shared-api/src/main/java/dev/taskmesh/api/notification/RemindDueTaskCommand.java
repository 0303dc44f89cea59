package dev.taskmesh.api.notification;

import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the reminder job when a task assigned to the inbox's owner comes due; a second one for the same date is a
 * no-op.
 */
public record RemindDueTaskCommand(
        @TargetAggregateIdentifier InboxId inboxId, TaskId taskId, WorkspaceId workspaceId, LocalDate dueDate) {}
