package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** {@code assigneeId} null unassigns. */
public record AssignTaskCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        UserId assigneeId,
        @TargetAggregateVersion Long expectedVersion,
        UserId requestedBy) {}
