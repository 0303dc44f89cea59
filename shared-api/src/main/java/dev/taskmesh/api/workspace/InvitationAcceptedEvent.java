package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import java.util.UUID;

/** The invitation was taken up by {@code userId}; the MemberAdded event that follows makes them a member. */
public record InvitationAcceptedEvent(WorkspaceId workspaceId, UUID invitationId, UserId userId)
        implements WorkspaceEvent {}
