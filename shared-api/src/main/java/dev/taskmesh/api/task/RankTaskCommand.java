package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Places the task in its column between {@code after} (the card above it) and {@code before} (the card below it);
 * either may be null for the top or the bottom, not both.
 */
public record RankTaskCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        TaskId after,
        TaskId before,
        Long expectedVersion,
        UserId requestedBy) {}
