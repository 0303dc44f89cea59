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

    /**
     * The person was erased: the notifications already pushed, which clients may read back, name them {@code name}
     * from this transaction's commit on, including those pushed earlier in the same transaction.
     */
    void erased(UserId person, String name);
}
