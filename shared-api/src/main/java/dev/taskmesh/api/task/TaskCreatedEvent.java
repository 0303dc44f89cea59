package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** A task exists, in a status column of its project at {@code rank} (board order). Its creator watches it. */
public record TaskCreatedEvent(
        TaskId taskId,
        WorkspaceId workspaceId,
        ProjectId projectId,
        String title,
        String description,
        TaskStatus status,
        String rank,
        UserId createdBy)
        implements TaskEvent {}
