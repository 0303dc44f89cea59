package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;

public record NotificationPreferencesChangedEvent(UserId userId, NotificationPreferences preferences)
        implements InboxEvent {}
