package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeleteTaskCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        @TargetAggregateVersion Long expectedVersion,
        UserId requestedBy) {}
