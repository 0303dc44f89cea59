package dev.taskmesh.command.account;

import dev.taskmesh.api.account.ChangeProfileCommand;
import dev.taskmesh.api.account.RecordPasswordChangeCommand;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.account.VerifyEmailCommand;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.wire.CommandRejectedException;
import dev.taskmesh.command.config.CommandSender;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to an account that touch both the account table and the account's events: they commit together or not at
 * all, as registration does. The table holds what must be unique or secret (handle, password hash); the events say
 * what changed.
 */
@Service
public class AccountChanges {

    private final JdbcClient jdbc;
    private final CommandSender commands;

    AccountChanges(JdbcClient jdbc, CommandSender commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    /** Null fields stay as they are; a handle someone else has is a conflict. */
    @Transactional
    public CommandAccepted changeProfile(UserId userId, String handle, String displayName, String timeZone) {
        String lowerHandle = handle == null ? null : handle.toLowerCase(Locale.ROOT);
        try {
            jdbc.sql("""
                            UPDATE user_account
                               SET handle = coalesce(:handle, handle),
                                   display_name = coalesce(:displayName, display_name),
                                   time_zone = coalesce(:timeZone, time_zone)
                             WHERE user_id = :userId
                            """)
                    .param("handle", lowerHandle)
                    .param("displayName", displayName)
                    .param("timeZone", timeZone)
                    .param("userId", userId.value())
                    .update();
        } catch (DuplicateKeyException e) {
            // handles are what members see of each other anyway; saying it is taken lets a person pick another
            throw CommandRejectedException.conflict("That handle is taken.");
        }
        return commands.send(new ChangeProfileCommand(userId, lowerHandle, displayName, timeZone), userId);
    }

    /** @param passwordHash an already hashed password; this class never sees the clear one */
    @Transactional
    public CommandAccepted changePassword(UserId userId, String passwordHash, boolean byReset) {
        jdbc.sql("UPDATE user_account SET password_hash = :hash WHERE user_id = :userId")
                .param("hash", passwordHash)
                .param("userId", userId.value())
                .update();
        return commands.send(new RecordPasswordChangeCommand(userId, byReset), userId);
    }

    @Transactional
    public CommandAccepted verifyEmail(UserId userId) {
        jdbc.sql(
                        "UPDATE user_account SET email_verified_at = coalesce(email_verified_at, now()) WHERE user_id = :userId")
                .param("userId", userId.value())
                .update();
        return commands.send(new VerifyEmailCommand(userId), userId);
    }
}
