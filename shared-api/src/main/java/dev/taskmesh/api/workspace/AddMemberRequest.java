package dev.taskmesh.api.workspace;

public record AddMemberRequest(String userId, String role) {}
