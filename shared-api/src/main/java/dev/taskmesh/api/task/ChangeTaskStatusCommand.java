package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ChangeTaskStatusCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        TaskStatus status,
        @TargetAggregateVersion Long expectedVersion,
        UserId requestedBy) {}
