package dev.taskmesh.api.workspace;

public record CreateWorkspaceRequest(String name) {}
