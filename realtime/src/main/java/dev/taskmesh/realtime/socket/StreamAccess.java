package dev.taskmesh.realtime.socket;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.realtime.stream.StreamName;

/** Who may subscribe to what, decided from the membership table on every subscribe. */
public interface StreamAccess {

    /**
     * A workspace stream: its members; a task stream: the members of the task's workspace; a user stream: that user.
     * False as well for streams that do not exist, so a refusal never tells which ids exist.
     */
    boolean maySubscribe(UserId userId, StreamName stream);
}
