package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.account.UserProfile;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** Password hashing (BCrypt) and the check of an email and password against the account table. */
@Component
class Credentials {

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
        return jdbc.sql("SELECT handle, display_name FROM user_account WHERE user_id = :userId")
                .param("userId", userId.value())
                .query((rs, row) -> new UserProfile(userId, rs.getString("handle"), rs.getString("display_name")))
                .optional();
    }

    record Account(UserId userId, String handle, String passwordHash) {

        @Override
        public String toString() {
            return "Account[" + userId + "]";
        }
    }
}
