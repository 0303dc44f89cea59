package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;

/** From now on the workspace is read-only: nothing in it changes until it is unarchived; members may still leave. */
public record WorkspaceArchivedEvent(WorkspaceId workspaceId, UserId archivedBy) implements WorkspaceEvent {}
