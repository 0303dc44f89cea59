package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a registered user directly, by id; {@code requestedBy} must be an owner or an admin. */
public record AddMemberCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId, UserId userId, WorkspaceRole role, UserId requestedBy) {}
