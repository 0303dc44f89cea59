package dev.taskmesh.api.account;

public record LoginRequest(String email, String password) {}
