package dev.taskmesh.server.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The stored first answers to POSTs that carried an Idempotency-Key, in PostgreSQL (not Redis: a retry must be
 * recognised even while Redis is down). Every method runs in the caller's transaction.
 */
@Component
class IdempotencyKeys {

    static final Duration RETENTION = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Scope(UUID userId, String route, String key) {

        /** A 64-bit lock id for this scope; a rare collision only makes two unrelated requests wait in turn. */
        long lockId() {
            byte[] digest = sha256((userId + "\n" + route + "\n" + key).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        }
    }

    record StoredAnswer(byte[] requestHash, int status, String contentType, String location, byte[] body) {}

    /**
     * Takes the scope's lock for the rest of the transaction, without waiting: false means another request with the
     * same key is being handled right now.
     */
    boolean tryLock(Scope scope) {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(:lockId)")
                .param("lockId", scope.lockId())
                .query(Boolean.class)
                .single();
    }

    /** The answer stored for this scope in the last 24 hours. */
    Optional<StoredAnswer> find(Scope scope) {
        return jdbc.sql("""
                        SELECT request_hash, status, content_type, location, body FROM idempotency_key
                        WHERE user_id = :userId AND route = :route AND idempotency_key = :key AND created_at > :since
                        """)
                .param("userId", scope.userId())
                .param("route", scope.route())
                .param("key", scope.key())
                .param("since", Timestamp.from(clock.instant().minus(RETENTION)))
                .query((rs, row) -> new StoredAnswer(
                        rs.getBytes("request_hash"),
                        rs.getInt("status"),
                        rs.getString("content_type"),
                        rs.getString("location"),
                        rs.getBytes("body")))
                .optional();
    }

    /** Stores the answer; an expired one under the same scope is replaced. */
    void save(Scope scope, StoredAnswer answer) {
        jdbc.sql("""
                        INSERT INTO idempotency_key (user_id, route, idempotency_key, request_hash, status, content_type,
                                                     location, body, created_at)
                        VALUES (:userId, :route, :key, :hash, :status, :contentType, :location, :body, :now)
                        ON CONFLICT (user_id, route, idempotency_key) DO UPDATE SET
                            request_hash = EXCLUDED.request_hash, status = EXCLUDED.status,
                            content_type = EXCLUDED.content_type, location = EXCLUDED.location,
                            body = EXCLUDED.body, created_at = EXCLUDED.created_at
                        """)
                .param("userId", scope.userId())
                .param("route", scope.route())
                .param("key", scope.key())
                .param("hash", answer.requestHash())
                .param("status", answer.status())
                .param("contentType", answer.contentType())
                .param("location", answer.location())
                .param("body", answer.body())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Keys are a promise for 24 hours; after that the rows are only weight. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void forgetExpired() {
        jdbc.sql("DELETE FROM idempotency_key WHERE created_at < :before")
                .param("before", Timestamp.from(clock.instant().minus(RETENTION)))
                .update();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
