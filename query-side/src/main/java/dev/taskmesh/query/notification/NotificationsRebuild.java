package dev.taskmesh.query.notification;

import dev.taskmesh.api.notification.DueReminders;
import dev.taskmesh.api.notification.InboxPush;
import dev.taskmesh.api.notification.NotificationChannels;
import dev.taskmesh.query.config.Rebuildable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inboxes rebuilt with every side effect off: no pushes on user streams, no emails or webhooks queued, no
 * reminder timers set or cancelled (the live ones stay as they are), and metrics kept apart from the live ones. Its
 * rules read the state the projection keeps of members, tasks and watchers, which many aggregates' events change, so
 * the whole history is one sequence: this rebuild replays on one thread.
 */
@Component
class NotificationsRebuild implements Rebuildable {

    private final JsonMapper json;
    private final Clock clock;
    private final Duration dueSoonWindow;

    NotificationsRebuild(
            JsonMapper json,
            Clock clock,
            @Value("${taskmesh.notifications.due-soon-window:24h}") Duration dueSoonWindow) {
        this.json = json;
        this.clock = clock;
        this.dueSoonWindow = dueSoonWindow;
    }

    @Override
    public String processingGroup() {
        return NotificationProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of(
                "notify_user",
                "notify_workspace",
                "notify_member",
                "notify_project",
                "notify_task",
                "notify_watcher",
                "notify_preference",
                "notification");
    }

    @Override
    public Object handlers(JdbcClient shadow) {
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        StoredPreferences preferences = new StoredPreferences(shadow, json);
        ReminderPlanner reminders = new ReminderPlanner(
                shadow, preferences, clock, none.getBeanProvider(DueReminders.class), dueSoonWindow);
        return new NotificationProjection(
                shadow,
                preferences,
                clock,
                none.getBeanProvider(InboxPush.class),
                none.getBeanProvider(NotificationChannels.class),
                reminders,
                new SimpleMeterRegistry());
    }

    @Override
    public SequencingPolicy<? super EventMessage<?>> sequencing() {
        return new SequentialPolicy();
    }
}
