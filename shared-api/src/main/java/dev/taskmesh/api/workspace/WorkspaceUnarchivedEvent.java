package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;

public record WorkspaceUnarchivedEvent(WorkspaceId workspaceId, UserId unarchivedBy) implements WorkspaceEvent {}
