package dev.taskmesh.api.workspace;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Purges a deleted workspace's read models once its grace period has passed; sent by the server, never by a user. */
public record PurgeWorkspaceCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId) {}
