package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Invites someone, by an address kept in the invitation table only, to join with {@code role}; owners and admins
 * invite, and only owners invite owners.
 */
public record InviteMemberCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId,
        UUID invitationId,
        WorkspaceRole role,
        UserId requestedBy) {}
