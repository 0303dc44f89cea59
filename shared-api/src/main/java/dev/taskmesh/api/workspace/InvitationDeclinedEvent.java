package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import java.util.UUID;

public record InvitationDeclinedEvent(WorkspaceId workspaceId, UUID invitationId, UserId userId)
        implements WorkspaceEvent {}
