package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** The task went to another project of the workspace, at the end of its status column there. */
public record TaskMovedEvent(
        TaskId taskId,
        WorkspaceId workspaceId,
        ProjectId fromProjectId,
        ProjectId toProjectId,
        String rank,
        UserId movedBy)
        implements TaskEvent {}
