package dev.taskmesh.api.account;

/** A user as {@code GET /api/users/me} shows it to that user. */
public record UserProfile(UserId id, String handle, String displayName, String timeZone, boolean emailVerified) {}
