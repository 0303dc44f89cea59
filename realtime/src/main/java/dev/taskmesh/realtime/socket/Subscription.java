package dev.taskmesh.realtime.socket;

import dev.taskmesh.realtime.bus.Arrival;
import dev.taskmesh.realtime.stream.StoredFrame;
import dev.taskmesh.realtime.stream.StreamLog;
import dev.taskmesh.realtime.stream.StreamName;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One stream on one connection, and the last position sent on it. A subscription is registered before its head is
 * read, and holds back live frames until the replay up to that head has been queued: a frame committed after the
 * head was read is then sent after the replay, one committed before is dropped as already sent, so the client sees
 * every position once, in order.
 */
final class Subscription {

    private static final int GAP_PAGE = 1000;

    private final Connection connection;
    private final StreamName stream;
    private final StreamLog log;
    private long position;
    private List<StoredFrame> heldBack = new ArrayList<>();
    /** The workspace whose membership this rests on, known once {@code granted}. */
    private volatile UUID workspaceId;

    private volatile boolean granted;
    private volatile boolean revoked;
    private volatile long lastTypingNanos;

    /** Guarded by this object: whether the user counts as present through this subscription, and whether it ended. */
    private boolean present;

    private boolean ended;

    Subscription(Connection connection, StreamName stream, StreamLog log) {
        this.connection = connection;
        this.stream = stream;
        this.log = log;
    }

    Connection connection() {
        return connection;
    }

    StreamName stream() {
        return stream;
    }

    void granted(UUID workspaceId) {
        this.workspaceId = workspaceId;
        this.granted = true;
    }

    /**
     * Whether removing the user from {@code removedFrom} ends this subscription. One whose grant is still being
     * checked ends too: the check may have read the membership just before the removal committed.
     */
    boolean restsOn(UUID removedFrom) {
        if (stream.kind() == StreamName.Kind.USER) {
            return false; // one's own stream rests on no membership: it carries the news of the removal
        }
        return !granted || removedFrom.equals(workspaceId);
    }

    /** Counts the user as present through this subscription, unless it ended meanwhile; under this lock. */
    synchronized void becomePresent(Runnable join) {
        if (!ended) {
            present = true;
            join.run();
        }
    }

    /** Ends the subscription's presence, once; {@code leave} runs when it had counted. Under this lock. */
    synchronized void end(Runnable leave) {
        if (!ended && present) {
            leave.run();
        }
        ended = true;
    }

    /** Whether a typing signal on this stream goes out now: one per {@code interval} at most, later ones dropped. */
    boolean typingDue(long nowNanos, long intervalNanos) {
        if (lastTypingNanos != 0 && nowNanos - lastTypingNanos < intervalNanos) {
            return false;
        }
        lastTypingNanos = nowNanos;
        return true;
    }

    boolean isGranted() {
        return granted;
    }

    void revoke() {
        revoked = true;
    }

    boolean isRevoked() {
        return revoked;
    }

    /** A frame from this node's feed. */
    synchronized void offer(StoredFrame frame, Arrival arrival) {
        if (heldBack != null) {
            heldBack.add(frame);
        } else {
            send(frame, arrival);
        }
    }

    /** The replay up to {@code head} is queued: send what was held back, then follow live. */
    synchronized void live(long head) {
        position = head;
        heldBack.forEach(frame -> send(frame, Arrival.of(frame.json())));
        heldBack = null;
    }

    private void send(StoredFrame frame, Arrival arrival) {
        if (frame.position() <= position) {
            return;
        }
        if (frame.position() > position + 1) {
            // the feed delivers each stream in order, so this is a defect somewhere: repair it from the log
            log.range(stream, position, frame.position() - 1, GAP_PAGE)
                    .forEach(missed -> connection.outbox().frame(missed.json(), arrival));
        }
        connection.outbox().frame(frame.json(), arrival);
        position = frame.position();
    }
}
