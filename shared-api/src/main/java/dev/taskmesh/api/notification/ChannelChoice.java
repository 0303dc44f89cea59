package dev.taskmesh.api.notification;

/** The external channels a user wants for one kind of notification; in-app is always on. */
public record ChannelChoice(NotificationKind kind, boolean email, boolean webhook) {}
