package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;

/** A workspace exists; its creator is its first member, with the owner role. */
public record WorkspaceCreatedEvent(WorkspaceId workspaceId, String name, UserId ownerId) implements WorkspaceEvent {}
