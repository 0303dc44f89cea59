package dev.taskmesh.realtime.socket;

import dev.taskmesh.realtime.bus.Arrival;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Everything written to one connection goes through here: a queue drained by one writer at a time on a virtual
 * thread. The feed thread that fans a frame out to hundreds of connections only enqueues, so one slow socket never
 * delays the others; a connection whose queue passes {@code limit} frames or {@code limitBytes} bytes is a slow
 * consumer and is closed with 4408 instead of growing without bound. (Spring's ConcurrentWebSocketSessionDecorator
 * would make the enqueuing thread write when the session is idle, which is exactly the blocking the feed thread must
 * avoid.)
 */
final class Outbox {

    private record Outgoing(WebSocketMessage<?> message, Arrival arrival, CloseStatus close) {}

    /** What every connection's writer records, shared by all of a node's connections. */
    record Meters(Timer fanout, Timer broadcast, Counter framesOut, Counter slowConsumers) {}

    private final WebSocketSession session;
    private final Executor writers;
    private final int limit;
    private final long limitBytes;
    private final Meters meters;
    private final ConcurrentLinkedQueue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Object room = new Object();
    private volatile boolean closing;
    private volatile boolean closeQueued;

    Outbox(WebSocketSession session, Executor writers, int limit, long limitBytes, Meters meters) {
        this.session = session;
        this.writers = writers;
        this.limit = limit;
        this.limitBytes = limitBytes;
        this.meters = meters;
    }

    void send(String json) {
        offer(new Outgoing(new TextMessage(json), null, null));
    }

    /** A live event frame, timed from its arrival at this node and from its commit until it is written. */
    void frame(String json, Arrival arrival) {
        offer(new Outgoing(new TextMessage(json), arrival, null));
    }

    void ping() {
        offer(new Outgoing(new PingMessage(), null, null));
    }

    /** Closes once everything queued before has been written: an error frame reaches the client first. */
    void closeAfterQueued(CloseStatus status) {
        offer(new Outgoing(null, null, status));
        closeQueued = true;
    }

    int size() {
        return size.get();
    }

    /**
     * Blocks while the queue is more than half full, in frames or bytes, so a long replay cannot overrun the limits;
     * false when the client did not make room in time, or the connection is ending.
     */
    boolean awaitRoom(long timeoutMillis) throws InterruptedException {
        if (!crowded()) {
            return !closing;
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (room) {
            while (crowded() && !closing) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                room.wait(left);
            }
        }
        return !closing;
    }

    /** More than half full, in frames or in bytes. */
    private boolean crowded() {
        return size.get() > limit / 2 || bytes.get() > limitBytes / 2;
    }

    private void offer(Outgoing outgoing) {
        if (closing || closeQueued) {
            return; // the connection is ending: nothing more is written, and only one close goes out
        }
        if (outgoing.close() == null
                && (size.incrementAndGet() > limit
                        | bytes.addAndGet(outgoing.message().getPayloadLength()) > limitBytes)) {
            meters.slowConsumers().increment();
            queue.clear();
            offer(new Outgoing(null, null, CloseCodes.SLOW_CONSUMER));
            closing = true;
            return;
        }
        queue.add(outgoing);
        if (draining.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        do {
            Outgoing next;
            while ((next = queue.poll()) != null) {
                if (next.close() != null) {
                    closing = true;
                    closeQuietly(next.close());
                    wakeWaiters();
                    return; // draining stays set: nothing is written after a close
                }
                size.decrementAndGet();
                bytes.addAndGet(-next.message().getPayloadLength());
                if (!write(next)) {
                    return;
                }
                if (next.arrival() != null) {
                    long now = System.nanoTime();
                    meters.fanout().record(now - next.arrival().receivedNanos(), TimeUnit.NANOSECONDS);
                    meters.broadcast().record(now - next.arrival().committedNanos(), TimeUnit.NANOSECONDS);
                }
            }
            wakeWaiters();
            draining.set(false);
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    private boolean write(Outgoing outgoing) {
        try {
            session.sendMessage(outgoing.message());
            if (outgoing.message() instanceof TextMessage) {
                meters.framesOut().increment();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            closing = true;
            queue.clear();
            closeQuietly(CloseStatus.SESSION_NOT_RELIABLE);
            wakeWaiters();
            return false;
        }
    }

    private void wakeWaiters() {
        synchronized (room) {
            room.notifyAll();
        }
    }

    private void closeQuietly(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            // the peer is gone already; afterConnectionClosed cleans up either way
        }
    }
}
