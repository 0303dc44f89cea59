package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import java.util.UUID;

public record InvitationRevokedEvent(WorkspaceId workspaceId, UUID invitationId, UserId revokedBy)
        implements WorkspaceEvent {}
