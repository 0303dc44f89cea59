package dev.taskmesh.command.inbox;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.taskmesh.api.notification.AllNotificationsReadEvent;
import dev.taskmesh.api.notification.ChangeNotificationPreferencesCommand;
import dev.taskmesh.api.notification.DueReminderSentEvent;
import dev.taskmesh.api.notification.InboxId;
import dev.taskmesh.api.notification.MarkAllNotificationsReadCommand;
import dev.taskmesh.api.notification.MarkNotificationReadCommand;
import dev.taskmesh.api.notification.NotificationPreferences;
import dev.taskmesh.api.notification.NotificationPreferencesChangedEvent;
import dev.taskmesh.api.notification.NotificationReadEvent;
import dev.taskmesh.api.notification.RemindDueTaskCommand;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One user's inbox: which notifications they have read and how they want to be notified. Created by its first
 * command. The notifications themselves are not here: they are derived from other aggregates' events by the inbox
 * projection; the inbox records only what the user decides, so a rebuild of the projection loses none of it.
 * Marking read what was already marked since the last "read all", setting the preferences already in force, or a
 * second reminder for the same task and due date appends nothing.
 */
@Aggregate
class Inbox {

    @AggregateIdentifier
    private InboxId inboxId;

    private final Set<UUID> readSinceAllRead = new HashSet<>();
    private NotificationPreferences preferences = NotificationPreferences.defaults();
    private final Set<String> reminded = new HashSet<>();

    Inbox() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(MarkNotificationReadCommand command) {
        if (inboxId == null || !readSinceAllRead.contains(command.notificationId())) {
            apply(new NotificationReadEvent(command.inboxId().userId(), command.notificationId()));
        }
        return getVersion();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(MarkAllNotificationsReadCommand command) {
        apply(new AllNotificationsReadEvent(command.inboxId().userId()));
        return getVersion();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(ChangeNotificationPreferencesCommand command) {
        if (inboxId == null || !preferences.equals(command.preferences())) {
            apply(new NotificationPreferencesChangedEvent(command.inboxId().userId(), command.preferences()));
        }
        return getVersion();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(RemindDueTaskCommand command) {
        if (inboxId == null || !reminded.contains(command.taskId() + "/" + command.dueDate())) {
            apply(new DueReminderSentEvent(
                    command.inboxId().userId(), command.taskId(), command.workspaceId(), command.dueDate()));
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(DueReminderSentEvent event) {
        inboxId = InboxId.of(event.userId());
        reminded.add(event.taskId() + "/" + event.dueDate());
    }

    @EventSourcingHandler
    void on(NotificationReadEvent event) {
        inboxId = InboxId.of(event.userId());
        readSinceAllRead.add(event.notificationId());
    }

    @EventSourcingHandler
    void on(AllNotificationsReadEvent event) {
        inboxId = InboxId.of(event.userId());
        readSinceAllRead.clear();
    }

    @EventSourcingHandler
    void on(NotificationPreferencesChangedEvent event) {
        inboxId = InboxId.of(event.userId());
        preferences = event.preferences();
    }
}
