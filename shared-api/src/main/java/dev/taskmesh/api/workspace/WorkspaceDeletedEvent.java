package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;

/**
 * The workspace is gone for everyone: every membership ends (as on the workspace stream every subscription does) and
 * every route to it answers 404. Its read models stay until {@link WorkspacePurgedEvent}; its events stay for good.
 */
public record WorkspaceDeletedEvent(WorkspaceId workspaceId, UserId deletedBy) implements WorkspaceEvent {}
