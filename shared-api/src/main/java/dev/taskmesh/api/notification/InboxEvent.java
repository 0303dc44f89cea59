package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;

/** Everything that happens to a user's inbox; sealed so projections can switch exhaustively. */
public sealed interface InboxEvent
        permits NotificationReadEvent,
                AllNotificationsReadEvent,
                NotificationPreferencesChangedEvent,
                DueReminderSentEvent {
    UserId userId();
}
