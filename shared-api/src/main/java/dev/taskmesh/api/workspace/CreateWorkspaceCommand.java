package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateWorkspaceCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId, String name, UserId ownerId) {}
