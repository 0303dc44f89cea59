package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;

/**
 * Pushes inbox changes to the owner's live connections (their {@code user:<id>} stream). Called inside the inbox
 * projection's transaction: an implementation stores what it pushes with that transaction and sends it after the
 * commit, so a rolled-back batch pushes nothing and a committed one is never lost to a reconnecting client.
 */
public interface InboxPush {

    void created(UserId owner, NotificationView notification, long unreadCount);

    void unreadCount(UserId owner, long unreadCount);
}
