package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The caller starts ({@code watching} true) or stops watching the task. */
public record WatchTaskCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        boolean watching,
        Long expectedVersion,
        UserId requestedBy) {}
