package dev.taskmesh.api.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** An archived project keeps its tasks but takes no new ones. */
public record ProjectArchivedEvent(ProjectId projectId, WorkspaceId workspaceId, UserId archivedBy)
        implements ProjectEvent {}
