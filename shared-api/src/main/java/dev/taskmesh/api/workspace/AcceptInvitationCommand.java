package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code userId} takes up a pending invitation and joins with its role. */
public record AcceptInvitationCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId, UUID invitationId, UserId userId) {}
