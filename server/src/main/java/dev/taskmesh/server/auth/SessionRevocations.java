package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Logins ended early: by logout, or because a spent refresh token came back (it leaked). Their access tokens are still
 * signed and unexpired, yet every node refuses them from the next request on and closes their WebSocket connections.
 *
 * <p>The ended logins whose tokens could still be valid are kept in {@code revoked_session} and, on each node, in
 * memory, so checking a token costs no round trip. The node that ends a login knows at once; the others read new rows
 * four times a second, so a token ended on one node is refused by all within about a quarter of a second.
 */
@Component
public class SessionRevocations implements SmartLifecycle, AccessTokens.EndedLogins {

    private static final Logger log = LoggerFactory.getLogger(SessionRevocations.class);
    private static final Duration POLL = Duration.ofMillis(250);
    /** a revocation committed a little after a later one must still be read: each poll looks this far back */
    private static final Duration OVERLAP = Duration.ofSeconds(10);
    /** tokens are checked against this node's clock: a little slack for other nodes' clocks */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final Map<UUID, Instant> revoked = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;
    private Instant readFrom = Instant.EPOCH;
    private long polls;

    SessionRevocations(JdbcClient jdbc, Clock clock, AuthProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tokenLifetime = properties.accessTokenTtl().plus(CLOCK_SLACK);
    }

    /** Ends a login: its access tokens are refused from now on, on this node at once and on the others soon after. */
    void revoke(UUID session, UserId user) {
        Instant now = clock.instant();
        Instant until = now.plus(tokenLifetime);
        jdbc.sql("""
                        INSERT INTO revoked_session (session_id, user_id, revoked_at, expires_at)
                        VALUES (:session, :user, :now, :until)
                        ON CONFLICT (session_id) DO NOTHING
                        """)
                .param("session", session)
                .param("user", user.value())
                .param("now", Timestamp.from(now))
                .param("until", Timestamp.from(until))
                .update();
        revoked.put(session, until);
    }

    /** Whether the login was ended while its tokens could still be valid. */
    @Override
    public boolean isEnded(UUID session) {
        return revoked.containsKey(session);
    }

    @Override
    public synchronized void start() {
        poll(); // before the first request: every login ended within a token's lifetime
        poller = Executors.newSingleThreadScheduledExecutor(runnable ->
                Thread.ofPlatform().daemon().name("session-revocations").unstarted(runnable));
        poller.scheduleWithFixedDelay(this::pollSafely, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // the next poll tries again; meanwhile this node knows what it read before
            log.warn("Could not read ended logins: {}", e.toString());
        }
    }

    private synchronized void poll() {
        Instant now = clock.instant();
        jdbc
                .sql("""
                        SELECT session_id, revoked_at, expires_at FROM revoked_session
                        WHERE revoked_at >= :from AND expires_at > :now
                        """)
                .param("from", Timestamp.from(readFrom))
                .param("now", Timestamp.from(now))
                .query((rs, n) -> {
                    revoked.put(
                            rs.getObject("session_id", UUID.class),
                            rs.getTimestamp("expires_at").toInstant());
                    return rs.getTimestamp("revoked_at").toInstant();
                })
                .list()
                .stream()
                .max(Instant::compareTo)
                .ifPresent(latest -> readFrom = latest.minus(OVERLAP));
        revoked.values().removeIf(until -> until.isBefore(now));
        // once a minute, the rows no token can need any more
        if (++polls % (Duration.ofMinutes(1).toMillis() / POLL.toMillis()) == 0) {
            jdbc.sql("DELETE FROM revoked_session WHERE expires_at < :now")
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }
}
