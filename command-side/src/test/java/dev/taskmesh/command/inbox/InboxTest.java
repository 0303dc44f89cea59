package dev.taskmesh.command.inbox;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.notification.AllNotificationsReadEvent;
import dev.taskmesh.api.notification.ChangeNotificationPreferencesCommand;
import dev.taskmesh.api.notification.ChannelChoice;
import dev.taskmesh.api.notification.InboxId;
import dev.taskmesh.api.notification.MarkAllNotificationsReadCommand;
import dev.taskmesh.api.notification.MarkNotificationReadCommand;
import dev.taskmesh.api.notification.NotificationKind;
import dev.taskmesh.api.notification.NotificationPreferences;
import dev.taskmesh.api.notification.NotificationPreferencesChangedEvent;
import dev.taskmesh.api.notification.NotificationReadEvent;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboxTest {

    private static final UserId USER = UserId.random();
    private static final InboxId INBOX = InboxId.of(USER);
    private static final UUID NOTIFICATION = UUID.randomUUID();

    private AggregateTestFixture<Inbox> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Inbox.class);
    }

    @Test
    void theFirstReadMarkCreatesTheInbox() {
        fixture.givenNoPriorActivity()
                .when(new MarkNotificationReadCommand(INBOX, NOTIFICATION))
                .expectEvents(new NotificationReadEvent(USER, NOTIFICATION));
    }

    @Test
    void markingReadTwiceRecordsItOnce() {
        fixture.given(new NotificationReadEvent(USER, NOTIFICATION))
                .when(new MarkNotificationReadCommand(INBOX, NOTIFICATION))
                .expectNoEvents();
    }

    @Test
    void afterReadAllAMarkIsRecordedAgain() {
        // "read all" covers what existed then; a later mark of the same id is harmless and kept simple
        fixture.given(new NotificationReadEvent(USER, NOTIFICATION), new AllNotificationsReadEvent(USER))
                .when(new MarkNotificationReadCommand(INBOX, NOTIFICATION))
                .expectEvents(new NotificationReadEvent(USER, NOTIFICATION));
    }

    @Test
    void readAllIsAlwaysRecorded() {
        fixture.given(new AllNotificationsReadEvent(USER))
                .when(new MarkAllNotificationsReadCommand(INBOX))
                .expectEvents(new AllNotificationsReadEvent(USER));
    }

    @Test
    void preferencesChangeOnlyWhenTheyDiffer() {
        NotificationPreferences quiet = new NotificationPreferences(
                "Europe/Paris", List.of(new ChannelChoice(NotificationKind.ASSIGNED, false, false)));
        fixture.givenNoPriorActivity()
                .when(new ChangeNotificationPreferencesCommand(INBOX, quiet))
                .expectEvents(new NotificationPreferencesChangedEvent(USER, quiet));
        fixture.given(new NotificationPreferencesChangedEvent(USER, quiet))
                .when(new ChangeNotificationPreferencesCommand(INBOX, quiet))
                .expectNoEvents();
    }
}
