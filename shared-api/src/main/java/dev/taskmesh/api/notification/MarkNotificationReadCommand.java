package dev.taskmesh.api.notification;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkNotificationReadCommand(
        @TargetAggregateIdentifier InboxId inboxId, UUID notificationId) {}
