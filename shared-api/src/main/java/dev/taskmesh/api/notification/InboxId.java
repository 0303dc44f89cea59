package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;

/** The aggregate identifier of a user's inbox: distinct from the user account's, which is the bare user id. */
public record InboxId(UserId userId) {

    public static InboxId of(UserId userId) {
        return new InboxId(userId);
    }

    @Override
    public String toString() {
        return "inbox-" + userId.value();
    }
}
