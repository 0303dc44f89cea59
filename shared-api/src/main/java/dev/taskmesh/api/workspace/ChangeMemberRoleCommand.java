package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives member {@code userId} the role {@code role}; owners alone grant or take away ownership. */
public record ChangeMemberRoleCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId, UserId userId, WorkspaceRole role, UserId requestedBy) {}
