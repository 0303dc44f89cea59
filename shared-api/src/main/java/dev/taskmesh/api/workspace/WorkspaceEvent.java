package dev.taskmesh.api.workspace;

/** Everything that happens to a workspace and its membership. */
public sealed interface WorkspaceEvent
        permits WorkspaceCreatedEvent,
                MemberAddedEvent,
                MemberRemovedEvent,
                MemberRoleChangedEvent,
                MemberInvitedEvent,
                InvitationAcceptedEvent,
                InvitationDeclinedEvent,
                InvitationRevokedEvent,
                WorkspaceArchivedEvent,
                WorkspaceUnarchivedEvent,
                WorkspaceDeletedEvent,
                WorkspacePurgedEvent {
    WorkspaceId workspaceId();
}
