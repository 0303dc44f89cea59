package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeTaskStatusCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        TaskStatus status,
        Long expectedVersion,
        UserId requestedBy) {}
