package dev.taskmesh.api.account;

/** The account's address is proven; the address itself stays in the account table. */
public record UserEmailVerifiedEvent(UserId userId) implements UserEvent {}
