package dev.taskmesh.api.account;

/** The password was replaced and every other login of the account ended; no secret is in here. */
public record UserPasswordChangedEvent(UserId userId, boolean byReset) implements UserEvent {}
