package dev.taskmesh.api.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** {@code description} is null when it was cleared. */
public record ProjectDescriptionChangedEvent(
        ProjectId projectId, WorkspaceId workspaceId, String description, UserId changedBy) implements ProjectEvent {}
