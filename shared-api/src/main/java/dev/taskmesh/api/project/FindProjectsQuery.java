package dev.taskmesh.api.project;

import dev.taskmesh.api.workspace.WorkspaceId;

/** One page of a workspace's projects in creation order, after the position {@code after} (0 for the first). */
public record FindProjectsQuery(WorkspaceId workspaceId, long after, int limit) {}
