package dev.taskmesh.api.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

public record ProjectUnarchivedEvent(ProjectId projectId, WorkspaceId workspaceId, UserId unarchivedBy)
        implements ProjectEvent {}
