package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque, single-use refresh tokens kept as SHA-256 hashes in PostgreSQL. Each refresh revokes the token it spends
 * and issues the next of the same family; presenting a spent token again means it leaked, so the whole family (that
 * login) is revoked. A family is a login: its id is the {@code sid} of the login's access tokens, and ending it ends
 * them too ({@link SessionRevocations}).
 */
@Component
class RefreshTokens {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuthProperties properties;
    private final SessionRevocations revocations;

    RefreshTokens(JdbcClient jdbc, Clock clock, AuthProperties properties, SessionRevocations revocations) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.revocations = revocations;
    }

    /** Starts a new family: one per login. */
    Issued issue(UserId userId) {
        return issue(userId, UUID.randomUUID());
    }

    /** Spends a token and returns its owner with the next token, or empty if it is unknown, expired or spent. */
    @Transactional
    Optional<Rotation> rotate(String token) {
        Optional<Stored> stored = find(token);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Stored current = stored.get();
        if (current.revoked()) {
            revokeFamily(current.familyId(), current.userId());
            return Optional.empty();
        }
        if (!current.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        int spent = jdbc.sql(
                        "UPDATE refresh_token SET revoked_at = :now WHERE token_hash = :hash AND revoked_at IS NULL")
                .param("now", Timestamp.from(clock.instant()))
                .param("hash", OpaqueTokens.hash(token))
                .update();
        if (spent == 0) {
            // a concurrent refresh spent it first: treat like reuse
            revokeFamily(current.familyId(), current.userId());
            return Optional.empty();
        }
        return Optional.of(new Rotation(current.userId(), issue(current.userId(), current.familyId())));
    }

    /** Ends the login the token belongs to; unknown tokens are ignored so logout never fails. */
    @Transactional
    void revoke(String token) {
        find(token).ifPresent(stored -> revokeFamily(stored.familyId(), stored.userId()));
    }

    /**
     * Ends every login of the user but {@code kept} (null: every login), as a changed or reset password must: whoever
     * knew the old one may hold a login made with it.
     */
    @Transactional
    void revokeAllBut(UserId userId, UUID kept) {
        List<UUID> families = jdbc.sql("""
                        SELECT DISTINCT family_id FROM refresh_token
                         WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now
                        """)
                .param("userId", userId.value())
                .param("now", Timestamp.from(clock.instant()))
                .query(UUID.class)
                .list();
        for (UUID family : families) {
            if (!family.equals(kept)) {
                revokeFamily(family, userId);
            }
        }
    }

    /** A refresh token and the login (family) it belongs to. */
    record Issued(String token, UUID session) {}

    record Rotation(UserId userId, Issued refreshToken) {}

    private record Stored(UserId userId, UUID familyId, Instant expiresAt, boolean revoked) {}

    private Issued issue(UserId userId, UUID familyId) {
        String token = OpaqueTokens.generate();
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO refresh_token (token_hash, user_id, family_id, issued_at, expires_at)
                        VALUES (:hash, :userId, :familyId, :issuedAt, :expiresAt)
                        """)
                .param("hash", OpaqueTokens.hash(token))
                .param("userId", userId.value())
                .param("familyId", familyId)
                .param("issuedAt", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(now.plus(properties.refreshTokenTtl())))
                .update();
        return new Issued(token, familyId);
    }

    private Optional<Stored> find(String token) {
        return jdbc.sql("SELECT user_id, family_id, expires_at, revoked_at FROM refresh_token WHERE token_hash = :hash")
                .param("hash", OpaqueTokens.hash(token))
                .query((rs, row) -> new Stored(
                        new UserId(rs.getObject("user_id", UUID.class)),
                        rs.getObject("family_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("revoked_at") != null))
                .optional();
    }

    /** Ends the login: its refresh tokens, and its access tokens on every node. */
    private void revokeFamily(UUID familyId, UserId userId) {
        jdbc.sql("UPDATE refresh_token SET revoked_at = :now WHERE family_id = :familyId AND revoked_at IS NULL")
                .param("now", Timestamp.from(clock.instant()))
                .param("familyId", familyId)
                .update();
        revocations.revoke(familyId, userId);
    }
}
