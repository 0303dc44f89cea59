package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.Change;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A JSON Merge Patch of a task's details: a null Change leaves the field as it is. {@code expectedVersion} comes
 * from If-Match; null skips the check.
 */
public record ChangeTaskDetailsCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        Change<String> title,
        Change<String> description,
        Change<TaskPriority> priority,
        Change<LocalDate> dueDate,
        Change<List<String>> labels,
        Long expectedVersion,
        UserId requestedBy) {}
