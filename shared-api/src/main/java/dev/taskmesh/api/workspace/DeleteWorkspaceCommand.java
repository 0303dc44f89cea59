package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a workspace: owners only. It is gone for its members at once; its read models are purged later. */
public record DeleteWorkspaceCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId, UserId requestedBy) {}
