package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.workspace.WorkspaceId;

public record TaskCreatedEvent(
        TaskId taskId,
        WorkspaceId workspaceId,
        ProjectId projectId,
        String title,
        String description,
        TaskStatus status,
        UserId createdBy)
        implements TaskEvent {}
