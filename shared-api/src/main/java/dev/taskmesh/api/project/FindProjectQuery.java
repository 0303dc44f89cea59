package dev.taskmesh.api.project;

import dev.taskmesh.api.workspace.WorkspaceId;

/** Answered with an {@code Optional<ProjectView>}: empty when the project is unknown in that workspace. */
public record FindProjectQuery(WorkspaceId workspaceId, ProjectId projectId) {}
