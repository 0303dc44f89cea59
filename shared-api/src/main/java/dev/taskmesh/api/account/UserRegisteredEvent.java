package dev.taskmesh.api.account;

/**
 * A person joined TaskMesh. Carries only what other people see; the email and the password hash stay in the
 * account table, so the event store never holds a credential.
 */
public record UserRegisteredEvent(UserId userId, String handle, String displayName) implements UserEvent {}
