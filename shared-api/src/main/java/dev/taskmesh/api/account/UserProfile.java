package dev.taskmesh.api.account;

public record UserProfile(UserId id, String handle, String displayName) {}
