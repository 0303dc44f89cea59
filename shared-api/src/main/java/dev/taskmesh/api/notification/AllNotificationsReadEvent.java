package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;

/**
 * Marks read every notification of the user created from earlier events. The inbox projection handles events in
 * order, so "earlier" needs no position of its own: on a rebuild it covers exactly what it covered the first time.
 */
public record AllNotificationsReadEvent(UserId userId) implements InboxEvent {}
