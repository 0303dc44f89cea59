package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;
import java.util.UUID;

public record NotificationReadEvent(UserId userId, UUID notificationId) implements InboxEvent {}
