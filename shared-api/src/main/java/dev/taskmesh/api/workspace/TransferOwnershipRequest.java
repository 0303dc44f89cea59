package dev.taskmesh.api.workspace;

/** The body of {@code POST /api/workspaces/{ws}/ownership}: the member who becomes owner. */
public record TransferOwnershipRequest(String userId) {}
