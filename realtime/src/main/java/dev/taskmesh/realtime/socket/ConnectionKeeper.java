package dev.taskmesh.realtime.socket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Looks after open connections once a second.
 *
 * <ul>
 *   <li>Heartbeats: a half-open TCP connection (a laptop closed, a NAT entry dropped) is never noticed by reading, so
 *       the server pings every {@code heartbeat} and drops a connection that has said nothing, not even a pong, for
 *       two of them: its subscriptions stop costing fan-out work.
 *   <li>Token expiry: a connection lives as long as its access token, unless the client sent a fresh one ({@code
 *       auth}); then it gets {@code token-expired} and close 4401.
 *   <li>Logout: a connection of a login that was ended gets {@code session-ended} and close 4401, though its token
 *       has not expired.
 *   <li>Shutdown: every client is told 1012 (restart) so it reconnects, through the load balancer, to another node.
 * </ul>
 */
public class ConnectionKeeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionKeeper.class);

    private final Subscriptions subscriptions;
    private final StreamAuthenticator authenticator;
    private final ServerFrames frames;
    private final Clock clock;
    private final long heartbeatNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("realtime-keeper").daemon().factory());
    private long lastPingNanos = System.nanoTime();
    private volatile boolean running;

    public ConnectionKeeper(
            Subscriptions subscriptions,
            StreamAuthenticator authenticator,
            JsonMapper json,
            Clock clock,
            Duration heartbeat) {
        this.subscriptions = subscriptions;
        this.authenticator = authenticator;
        this.frames = new ServerFrames(json);
        this.clock = clock;
        this.heartbeatNanos = heartbeat.toNanos();
    }

    /** A failure must not end the schedule: a scheduled task that throws is never run again. */
    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Looking after connections failed; retrying in a second", e);
        }
    }

    private void sweep() {
        Instant now = clock.instant();
        long nowNanos = System.nanoTime();
        boolean ping = nowNanos - lastPingNanos >= heartbeatNanos;
        if (ping) {
            lastPingNanos = nowNanos;
        }
        for (Connection connection : subscriptions.connections()) {
            if (!connection.expiresAt().isAfter(now)) {
                connection
                        .outbox()
                        .send(frames.error(
                                null,
                                ErrorCode.TOKEN_EXPIRED,
                                "The access token expired; reconnect with a fresh one."));
                connection.outbox().closeAfterQueued(CloseCodes.UNAUTHENTICATED);
            } else if (authenticator.ended(connection.login())) {
                connection.outbox().send(frames.error(null, ErrorCode.SESSION_ENDED, "You signed out; sign in again."));
                connection.outbox().closeAfterQueued(CloseCodes.UNAUTHENTICATED);
            } else if (nowNanos - connection.lastHeardNanos() > 2 * heartbeatNanos) {
                connection.outbox().closeAfterQueued(CloseCodes.POLICY.withReason("no heartbeat"));
            } else if (ping) {
                connection.outbox().ping();
            }
        }
    }

    @Override
    public void start() {
        timer.scheduleWithFixedDelay(this::sweepSafely, 1, 1, TimeUnit.SECONDS);
        running = true;
    }

    /** Runs before the web server stops (the highest phase stops first), while connections can still be written. */
    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        subscriptions.connections().forEach(connection -> connection.outbox().closeAfterQueued(CloseCodes.RESTART));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (subscriptions.connectionCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
