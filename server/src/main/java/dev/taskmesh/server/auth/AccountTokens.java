package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.server.web.Validation;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The single-use, expiring secrets that account links carry (table {@code account_token}, kept as SHA-256 hashes).
 * Only the newest link of a purpose works: sending another one retires the earlier ones, so an old email in someone's
 * inbox is worth nothing once a new one was asked for.
 */
@Component
class AccountTokens {

    /** What a link does; one kind of token cannot be spent as another. */
    enum Purpose {
        RESET_PASSWORD("reset-password"),
        VERIFY_EMAIL("verify-email");

        private final String wireName;

        Purpose(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }

        static Purpose fromWireName(String name) {
            for (Purpose purpose : values()) {
                if (purpose.wireName.equals(name)) {
                    return purpose;
                }
            }
            throw new IllegalArgumentException("no account link purpose " + name);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new token for the user's link, valid for {@code lifetime}; the user's earlier ones of that purpose end. */
    @Transactional
    String issue(UserId userId, Purpose purpose, Duration lifetime) {
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE account_token SET used_at = :now
                         WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL
                        """)
                .param("now", Timestamp.from(now))
                .param("userId", userId.value())
                .param("purpose", purpose.wireName())
                .update();
        // the table holds a row per link asked for; those past their lifetime serve nothing
        jdbc.sql("DELETE FROM account_token WHERE user_id = :userId AND expires_at < :now")
                .param("userId", userId.value())
                .param("now", Timestamp.from(now))
                .update();
        String token = OpaqueTokens.generate();
        jdbc.sql("""
                        INSERT INTO account_token (token_hash, user_id, purpose, issued_at, expires_at)
                        VALUES (:hash, :userId, :purpose, :issuedAt, :expiresAt)
                        """)
                .param("hash", OpaqueTokens.hash(token))
                .param("userId", userId.value())
                .param("purpose", purpose.wireName())
                .param("issuedAt", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(now.plus(lifetime)))
                .update();
        return token;
    }

    /**
     * Spends a token in one statement, so two clicks racing spend it once: the user it was issued to.
     *
     * @throws dev.taskmesh.server.web.ProblemException validation-failed at {@code /token} when it is unknown, of
     *     another purpose, expired or spent
     */
    UserId spend(String token, Purpose purpose) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE account_token SET used_at = :now
                         WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now
                        RETURNING user_id
                        """)
                .param("now", Timestamp.from(now))
                .param("hash", OpaqueTokens.hash(token))
                .param("purpose", purpose.wireName())
                .query((rs, row) -> new UserId(rs.getObject("user_id", UUID.class)))
                .optional()
                .orElseThrow(() -> Validation.of()
                        .fail("/token", "is unknown, expired or already used")
                        .exception());
    }
}
