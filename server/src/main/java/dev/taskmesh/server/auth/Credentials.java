package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.account.UserProfile;
import dev.taskmesh.server.web.Validation;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** Password hashing (BCrypt), the rules a new password meets, and the check of a password against the account table. */
@Component
class Credentials {

    /** BCrypt reads 72 bytes at most; a longer password would be silently truncated. */
    private static final int MAX_PASSWORD_BYTES = 72;

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    /** Compared against when the email is unknown, so that a miss costs as long as a wrong password. */
    private final String decoyHash = encoder.encode("decoy-password-for-unknown-emails");

    private final JdbcClient jdbc;

    Credentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    /** A new password: 8 characters or more, and no more than BCrypt reads. */
    static Validation newPassword(Validation validation, String pointer, String password) {
        return validation
                .check(password != null && password.length() >= 8, pointer, "must be at least 8 characters")
                .check(
                        password == null || password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES,
                        pointer,
                        "must be at most 72 bytes in UTF-8");
    }

    /** Whether {@code password} is the user's; as slow as a sign-in, whatever the answer. */
    boolean matches(UserId userId, String password) {
        String stored = jdbc.sql("SELECT password_hash FROM user_account WHERE user_id = :userId")
                .param("userId", userId.value())
                .query(String.class)
                .optional()
                .orElse(decoyHash);
        return password != null && encoder.matches(password, stored);
    }

    /**
     * For changes that need the password again (a new password, erasure), so a borrowed session cannot make them.
     *
     * @throws dev.taskmesh.server.web.ProblemException validation-failed at {@code pointer} when it is not the user's
     */
    void requireMatch(UserId userId, String password, String pointer) {
        if (!matches(userId, password)) {
            Validation.of().fail(pointer, "is not the account's password").orThrow();
        }
    }

    /** The account of an address, if it has one; for links sent to the address, never to tell anyone. */
    Optional<UserId> accountOf(String email) {
        return jdbc.sql("SELECT user_id FROM user_account WHERE lower(email) = :email")
                .param("email", email.strip().toLowerCase(Locale.ROOT))
                .query(UUID.class)
                .optional()
                .map(UserId::new);
    }

    boolean emailVerified(UserId userId) {
        return jdbc.sql("SELECT email_verified_at IS NOT NULL FROM user_account WHERE user_id = :userId")
                .param("userId", userId.value())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** The account's id and handle when the password matches; empty otherwise, whatever the reason. */
    Optional<Account> check(String email, String password) {
        Optional<Account> account = jdbc.sql(
                        "SELECT user_id, handle, password_hash FROM user_account WHERE lower(email) = :email")
                .param("email", email.toLowerCase(Locale.ROOT))
                .query((rs, row) -> new Account(
                        new UserId(rs.getObject("user_id", UUID.class)),
                        rs.getString("handle"),
                        rs.getString("password_hash")))
                .optional();
        boolean matches =
                encoder.matches(password, account.map(Account::passwordHash).orElse(decoyHash));
        return matches ? account : Optional.empty();
    }

    Optional<String> handleOf(UserId userId) {
        return profileOf(userId).map(UserProfile::handle);
    }

    Optional<UserProfile> profileOf(UserId userId) {
        return jdbc.sql("""
                        SELECT handle, display_name, time_zone, email_verified_at IS NOT NULL AS verified
                          FROM user_account WHERE user_id = :userId
                        """)
                .param("userId", userId.value())
                .query((rs, row) -> new UserProfile(
                        userId,
                        rs.getString("handle"),
                        rs.getString("display_name"),
                        rs.getString("time_zone"),
                        rs.getBoolean("verified")))
                .optional();
    }

    record Account(UserId userId, String handle, String passwordHash) {

        @Override
        public String toString() {
            return "Account[" + userId + "]";
        }
    }
}
