package dev.taskmesh.server.personal;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One AES-256 key per user (table {@code personal_data_key}), made the first time that user's personal data is
 * stored, in the transaction that stores it. Deleting it is what makes the data unreadable. Keys are read from the
 * table each time, never cached: a node holding a key in memory after another node erased it would decrypt what
 * must stay unreadable. Only user events carry personal data, so the lookup is rare.
 */
class PersonalDataKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    PersonalDataKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's key, made now if the user has none yet; two writers racing agree on the first one stored. */
    SecretKey keyFor(UUID user) {
        byte[] candidate = new byte[32];
        RANDOM.nextBytes(candidate);
        jdbc.sql("""
                        INSERT INTO personal_data_key (user_id, key_bytes) VALUES (:userId, :key)
                        ON CONFLICT (user_id) DO NOTHING
                        """).param("userId", user).param("key", candidate).update();
        return existing(user).orElseThrow();
    }

    /** Empty once the user was erased (or never had personal data stored). */
    Optional<SecretKey> existing(UUID user) {
        return jdbc.sql("SELECT key_bytes FROM personal_data_key WHERE user_id = :userId")
                .param("userId", user)
                .query(byte[].class)
                .optional()
                .map(bytes -> new SecretKeySpec(bytes, "AES"));
    }

    /** Forgets the key: every value encrypted with it is unreadable from this commit on. */
    void forget(UUID user) {
        jdbc.sql("DELETE FROM personal_data_key WHERE user_id = :userId")
                .param("userId", user)
                .update();
    }
}
