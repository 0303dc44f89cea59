package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Owners and admins withdraw a pending invitation; its link stops working. */
public record RevokeInvitationCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId, UUID invitationId, UserId requestedBy) {}
