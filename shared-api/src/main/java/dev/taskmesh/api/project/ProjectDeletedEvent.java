package dev.taskmesh.api.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** The project is gone, after each of its tasks was deleted (their own TaskDeleted events come first). */
public record ProjectDeletedEvent(ProjectId projectId, WorkspaceId workspaceId, UserId deletedBy)
        implements ProjectEvent {}
