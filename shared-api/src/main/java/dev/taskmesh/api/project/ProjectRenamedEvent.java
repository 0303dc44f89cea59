package dev.taskmesh.api.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

public record ProjectRenamedEvent(ProjectId projectId, WorkspaceId workspaceId, String name, UserId changedBy)
        implements ProjectEvent {}
