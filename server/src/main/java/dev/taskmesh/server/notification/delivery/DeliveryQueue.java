package dev.taskmesh.server.notification.delivery;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.notification.ChannelChoice;
import dev.taskmesh.api.notification.FindPreferencesOfQuery;
import dev.taskmesh.api.notification.NotificationChannels;
import dev.taskmesh.api.notification.NotificationPreferences;
import dev.taskmesh.api.notification.NotificationView;
import dev.taskmesh.api.notification.PreferencesByUser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Queues new notifications for the channels their owners chose: email when the server has SMTP configured, webhook
 * when the owner has one. The queue is a PostgreSQL table reached through the caller's transaction, so a delivery is
 * queued exactly when its notification is stored; each notification comes here once (the projection stores it once),
 * so each delivery is queued once. A batch costs two lookups (the owners' preferences, asked of the inbox read model
 * in one query, and their webhooks) and one batched insert, whatever its size.
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
    public void created(Map<UserId, List<NotificationView>> byOwner) {
        String[] owners =
                byOwner.keySet().stream().map(owner -> owner.value().toString()).toArray(String[]::new);
        PreferencesByUser preferences = queries.query(
                        new FindPreferencesOfQuery(byOwner.keySet()), PreferencesByUser.class)
                .join();
        Set<UUID> withWebhook = new HashSet<>(
                jdbc.sql("SELECT user_id FROM webhook_endpoint WHERE user_id = ANY(CAST(:owners AS uuid[]))")
                        .param("owners", owners)
                        .query(UUID.class)
                        .list());
        List<TaskInstance<?>> deliveries = new ArrayList<>();
        byOwner.forEach((owner, notifications) -> {
            NotificationPreferences chosen = preferences.of(owner);
            for (NotificationView notification : notifications) {
                ChannelChoice choice = chosen.choiceFor(notification.kind());
                if (choice.email() && properties.emailEnabled()) {
                    deliveries.add(instance(new Delivery(Channel.EMAIL, notification.id(), owner)));
                }
                if (choice.webhook() && withWebhook.contains(owner.value())) {
                    deliveries.add(instance(new Delivery(Channel.WEBHOOK, notification.id(), owner)));
                }
            }
        });
        if (!deliveries.isEmpty()) {
            queue.scheduleBatch(deliveries, clock.instant());
        }
    }

    private TaskInstance<?> instance(Delivery delivery) {
        return task.instance(delivery.instanceId());
    }
}
