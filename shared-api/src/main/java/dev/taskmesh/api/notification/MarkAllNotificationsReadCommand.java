package dev.taskmesh.api.notification;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkAllNotificationsReadCommand(
        @TargetAggregateIdentifier InboxId inboxId) {}
