package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import java.util.UUID;

/** Someone was invited; whom (the address) stays in the invitation table, out of the event store and the streams. */
public record MemberInvitedEvent(WorkspaceId workspaceId, UUID invitationId, WorkspaceRole role, UserId invitedBy)
        implements WorkspaceEvent {}
