package dev.taskmesh.realtime.bus;

import dev.taskmesh.realtime.stream.StoredFrame;

/** Where a node's feed delivers: its WebSocket subscriptions. */
public interface FrameSink {

    /** Called on the feed's one thread, in seq order, each frame once. */
    void deliver(StoredFrame frame, Arrival arrival);

    /** The bus went away or came back; frames keep arriving from the replay log meanwhile. */
    void busAvailable(boolean available);
}
