package dev.taskmesh.api.notification;

/** The answer of {@code GET /api/me/notifications/unread-count}. */
public record UnreadCount(long count) {}
