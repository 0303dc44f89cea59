package dev.taskmesh.api.account;

/**
 * The account was erased at its owner's request: read models replace the person by "Deleted user", and the key of
 * their personal data in the event store is gone. Carries nothing but the id.
 */
public record UserErasedEvent(UserId userId) implements UserEvent {}
