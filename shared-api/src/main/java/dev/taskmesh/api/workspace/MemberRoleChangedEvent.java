package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;

/** The member's role is now {@code role}: what it may do changes at once. */
public record MemberRoleChangedEvent(WorkspaceId workspaceId, UserId userId, WorkspaceRole role, UserId changedBy)
        implements WorkspaceEvent {}
