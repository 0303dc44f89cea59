package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;

/**
 * Hands a new notification to the external channels its owner chose (email, webhook). Called inside the inbox
 * projection's transaction, once per notification and never during a replay: an implementation queues the deliveries
 * in that transaction, so they exist exactly when the notification does.
 */
public interface NotificationChannels {

    void created(UserId owner, NotificationView notification);
}
