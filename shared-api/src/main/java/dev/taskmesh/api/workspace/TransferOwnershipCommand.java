package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An owner hands the workspace over: {@code newOwnerId} becomes an owner and the requester an admin, at once. */
public record TransferOwnershipCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId, UserId newOwnerId, UserId requestedBy) {}
