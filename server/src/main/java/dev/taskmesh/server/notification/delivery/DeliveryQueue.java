package dev.taskmesh.server.notification.delivery;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.notification.ChannelChoice;
import dev.taskmesh.api.notification.FindPreferencesQuery;
import dev.taskmesh.api.notification.NotificationChannels;
import dev.taskmesh.api.notification.NotificationPreferences;
import dev.taskmesh.api.notification.NotificationView;
import java.time.Clock;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Queues a new notification for the channels its owner chose: email when the server has SMTP configured, webhook when
 * the owner has one. The queue is a PostgreSQL table reached through the caller's transaction, so a delivery is
 * queued exactly when its notification is stored, and queued once: its instance id is fixed by the notification.
 */
class DeliveryQueue implements NotificationChannels {

    private final SchedulerClient queue;
    private final OneTimeTask<Void> task;
    private final QueryGateway queries;
    private final JdbcClient jdbc;
    private final DeliveryProperties properties;
    private final Clock clock;

    DeliveryQueue(
            SchedulerClient queue,
            OneTimeTask<Void> task,
            QueryGateway queries,
            JdbcClient jdbc,
            DeliveryProperties properties,
            Clock clock) {
        this.queue = queue;
        this.task = task;
        this.queries = queries;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void created(UserId owner, NotificationView notification) {
        ChannelChoice choice = queries.query(new FindPreferencesQuery(owner), NotificationPreferences.class)
                .join()
                .choiceFor(notification.kind());
        if (choice.email() && properties.emailEnabled()) {
            enqueue(new Delivery(Channel.EMAIL, notification.id(), owner));
        }
        if (choice.webhook() && hasWebhook(owner)) {
            enqueue(new Delivery(Channel.WEBHOOK, notification.id(), owner));
        }
    }

    private void enqueue(Delivery delivery) {
        queue.scheduleIfNotExists(task.instance(delivery.instanceId()), clock.instant());
    }

    private boolean hasWebhook(UserId owner) {
        return jdbc.sql("SELECT count(*) FROM webhook_endpoint WHERE user_id = :userId")
                        .param("userId", owner.value())
                        .query(Long.class)
                        .single()
                > 0;
    }
}
