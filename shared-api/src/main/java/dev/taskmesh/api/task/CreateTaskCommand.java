package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code status} null means the default column, {@code todo}. */
public record CreateTaskCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        ProjectId projectId,
        String title,
        String description,
        TaskStatus status,
        UserId requestedBy) {}
