package dev.taskmesh.api.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

public record ProjectCreatedEvent(
        ProjectId projectId, WorkspaceId workspaceId, String name, String description, UserId createdBy)
        implements ProjectEvent {}
