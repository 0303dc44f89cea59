package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeclineInvitationCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId, UUID invitationId, UserId userId) {}
