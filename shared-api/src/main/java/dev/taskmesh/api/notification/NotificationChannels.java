package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;
import java.util.List;
import java.util.Map;

/**
 * Hands new notifications to the external channels their owners chose (email, webhook). Called inside the inbox
 * projection's transaction, once per batch with the notifications it created (each exactly once, never during a
 * replay): an implementation queues the deliveries in that transaction, so they exist exactly when the
 * notifications do.
 */
public interface NotificationChannels {

    void created(Map<UserId, List<NotificationView>> byOwner);
}
