package dev.taskmesh.realtime.socket;

import dev.taskmesh.api.account.UserId;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client's connection: who it is, until when its token holds, what it subscribed to, its outbox, and how many
 * frames it may still send (a token bucket, and a second one counting the frames refused: a client that keeps
 * sending past the limit is closed).
 */
final class Connection {

    /** What becomes of a client frame under the rate limit. */
    enum Admission {
        ADMITTED,
        REFUSED,
        REFUSED_TOO_OFTEN
    }

    static final int REFUSALS_TOLERATED = 50;
    static final Duration REFUSAL_WINDOW = Duration.ofSeconds(10);

    private final WebSocketSession session;
    private final UserId user;
    private final Outbox outbox;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile Instant expiresAt;
    private volatile UUID login;
    private volatile long lastHeardNanos = System.nanoTime();
    private final Bucket frames;
    private final Bucket refusals;

    Connection(WebSocketSession session, UserId user, Instant expiresAt, UUID login, Outbox outbox, FrameRate rate) {
        this.session = session;
        this.user = user;
        this.expiresAt = expiresAt;
        this.login = login;
        this.outbox = outbox;
        this.frames = Bucket.builder()
                .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(rate.perSecond(), Duration.ofSeconds(1)))
                .build();
        this.refusals = Bucket.builder()
                .addLimit(limit -> limit.capacity(REFUSALS_TOLERATED).refillGreedy(REFUSALS_TOLERATED, REFUSAL_WINDOW))
                .build();
    }

    /** The frames a client may send: {@code perSecond} on average, {@code burst} at once. */
    record FrameRate(int perSecond, int burst) {}

    Admission admit() {
        if (frames.tryConsume(1)) {
            return Admission.ADMITTED;
        }
        return refusals.tryConsume(1) ? Admission.REFUSED : Admission.REFUSED_TOO_OFTEN;
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

    /** The login whose token the connection holds: the last one it authenticated with. */
    UUID login() {
        return login;
    }

    void renew(Instant expiresAt, UUID login) {
        this.expiresAt = expiresAt;
        this.login = login;
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
