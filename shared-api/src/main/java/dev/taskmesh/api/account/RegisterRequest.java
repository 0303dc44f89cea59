package dev.taskmesh.api.account;

public record RegisterRequest(String email, String handle, String displayName, String password) {}
