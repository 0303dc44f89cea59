package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code assigneeId} null unassigns. */
public record AssignTaskCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        UserId assigneeId,
        Long expectedVersion,
        UserId requestedBy) {}
