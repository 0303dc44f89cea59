package dev.taskmesh.api.workspace;

import java.time.Instant;

/**
 * A pending invitation: to its workspace's owners and admins with the address it went to; to the invitee with the
 * workspace's name instead ({@code email} null).
 */
public record InvitationView(
        String id,
        String workspaceId,
        String workspaceName,
        String email,
        String role,
        String invitedBy,
        Instant createdAt,
        Instant expiresAt) {}
