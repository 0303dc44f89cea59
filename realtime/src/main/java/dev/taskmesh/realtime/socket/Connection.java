package dev.taskmesh.realtime.socket;

import dev.taskmesh.api.account.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.WebSocketSession;

/** One client's connection: who it is, until when its token holds, what it subscribed to, and its outbox. */
final class Connection {

    private final WebSocketSession session;
    private final UserId user;
    private final Outbox outbox;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile Instant expiresAt;
    private volatile long lastHeardNanos = System.nanoTime();

    Connection(WebSocketSession session, UserId user, Instant expiresAt, Outbox outbox) {
        this.session = session;
        this.user = user;
        this.expiresAt = expiresAt;
        this.outbox = outbox;
    }

    String id() {
        return session.getId();
    }

    UserId user() {
        return user;
    }

    Outbox outbox() {
        return outbox;
    }

    Map<String, Subscription> subscriptions() {
        return subscriptions;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    void renew(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    boolean isOpen() {
        return session.isOpen();
    }
}
