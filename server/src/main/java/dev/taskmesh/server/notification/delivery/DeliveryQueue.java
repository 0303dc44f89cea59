package dev.taskmesh.server.notification.delivery;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.notification.ChannelChoice;
import dev.taskmesh.api.notification.NotificationChannels;
import dev.taskmesh.api.notification.NotificationPreferences;
import dev.taskmesh.api.notification.NotificationView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues new notifications for the channels their owners chose: email when the server has SMTP configured, webhook
 * when the owner has one. The queue is a PostgreSQL table reached through the caller's transaction, so a delivery is
 * queued exactly when its notification is stored; each notification comes here once (the projection stores it once),
 * so each delivery is queued once. A batch costs two lookups and one batched insert, whatever its size.
 */
class DeliveryQueue implements NotificationChannels {

    private final SchedulerClient queue;
    private final OneTimeTask<Void> task;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final DeliveryProperties properties;
    private final Clock clock;

    DeliveryQueue(
            SchedulerClient queue,
            OneTimeTask<Void> task,
            JdbcClient jdbc,
            JsonMapper json,
            DeliveryProperties properties,
            Clock clock) {
        this.queue = queue;
        this.task = task;
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void created(Map<UserId, List<NotificationView>> byOwner) {
        String[] owners =
                byOwner.keySet().stream().map(owner -> owner.value().toString()).toArray(String[]::new);
        Map<UUID, NotificationPreferences> preferences = new HashMap<>();
        jdbc.sql("SELECT user_id, preferences FROM notify_preference WHERE user_id = ANY(CAST(:owners AS uuid[]))")
                .param("owners", owners)
                .query((rs, row) -> preferences.put(
                        rs.getObject(1, UUID.class), json.readValue(rs.getString(2), NotificationPreferences.class)))
                .list();
        Set<UUID> withWebhook = new HashSet<>(
                jdbc.sql("SELECT user_id FROM webhook_endpoint WHERE user_id = ANY(CAST(:owners AS uuid[]))")
                        .param("owners", owners)
                        .query(UUID.class)
                        .list());
        List<TaskInstance<?>> deliveries = new ArrayList<>();
        byOwner.forEach((owner, notifications) -> {
            NotificationPreferences chosen =
                    preferences.getOrDefault(owner.value(), NotificationPreferences.defaults());
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
