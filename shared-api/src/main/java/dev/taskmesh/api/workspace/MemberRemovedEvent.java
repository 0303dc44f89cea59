package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;

/** The user is no longer a member: it loses access at once, live subscriptions included. */
public record MemberRemovedEvent(WorkspaceId workspaceId, UserId userId, UserId removedBy) implements WorkspaceEvent {}
