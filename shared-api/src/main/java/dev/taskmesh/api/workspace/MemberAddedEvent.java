package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;

public record MemberAddedEvent(WorkspaceId workspaceId, UserId userId, WorkspaceRole role, UserId addedBy)
        implements WorkspaceEvent {}
