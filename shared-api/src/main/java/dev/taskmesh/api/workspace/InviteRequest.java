package dev.taskmesh.api.workspace;

/** The body of {@code POST /api/workspaces/{ws}/invitations}. */
public record InviteRequest(String email, String role) {}
