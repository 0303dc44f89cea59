package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes {@code userId} out of the workspace; {@code userId} equal to {@code requestedBy} is leaving it. */
public record RemoveMemberCommand(
        @TargetAggregateIdentifier WorkspaceId workspaceId, UserId userId, UserId requestedBy) {}
