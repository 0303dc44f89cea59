package dev.taskmesh.api.workspace;

/** The body of {@code PUT /api/workspaces/{ws}/members/{userId}/role}. */
public record ChangeRoleRequest(String role) {}
