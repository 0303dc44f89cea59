package dev.taskmesh.api.account;

/** The body of {@code POST /api/auth/password-reset}: the address to send a reset link to, if it has an account. */
public record PasswordResetRequest(String email) {}
