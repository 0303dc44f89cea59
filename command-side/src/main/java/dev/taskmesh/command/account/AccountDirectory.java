package dev.taskmesh.command.account;

import dev.taskmesh.api.account.UserId;

/** Answers whether a user id names a registered account, for commands that refer to other users. */
public interface AccountDirectory {

    boolean exists(UserId userId);
}
