package dev.taskmesh.command.account;

import dev.taskmesh.api.account.RegisterUserCommand;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.wire.CommandRejectedException;
import dev.taskmesh.command.config.CommandSender;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers an account: the credentials row and the registration event commit together or not at all. The unique
 * indexes on the account table are the set validation for emails and handles, which an aggregate cannot do alone.
 */
@Service
public class AccountRegistration {

    private final JdbcClient jdbc;
    private final CommandSender commands;

    AccountRegistration(JdbcClient jdbc, CommandSender commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    /** @param passwordHash an already hashed password; this class never sees the clear one */
    @Transactional
    public CommandAccepted register(String email, String handle, String displayName, String passwordHash) {
        UserId userId = UserId.random();
        try {
            jdbc.sql("""
                            INSERT INTO user_account (user_id, email, handle, display_name, password_hash)
                            VALUES (:userId, :email, :handle, :displayName, :passwordHash)
                            """)
                    .param("userId", userId.value())
                    .param("email", email.toLowerCase(Locale.ROOT))
                    .param("handle", handle.toLowerCase(Locale.ROOT))
                    .param("displayName", displayName)
                    .param("passwordHash", passwordHash)
                    .update();
        } catch (DuplicateKeyException e) {
            // one message for both indexes: saying which would tell a stranger that an email is registered
            throw CommandRejectedException.conflict("That email or handle is already registered.");
        }
        return commands.send(new RegisterUserCommand(userId, handle.toLowerCase(Locale.ROOT), displayName), userId);
    }
}
