package dev.taskmesh.api.notification;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeNotificationPreferencesCommand(
        @TargetAggregateIdentifier InboxId inboxId, NotificationPreferences preferences) {}
