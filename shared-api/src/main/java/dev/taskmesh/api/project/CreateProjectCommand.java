package dev.taskmesh.api.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateProjectCommand(
        @TargetAggregateIdentifier ProjectId projectId,
        WorkspaceId workspaceId,
        String name,
        String description,
        UserId requestedBy) {}
