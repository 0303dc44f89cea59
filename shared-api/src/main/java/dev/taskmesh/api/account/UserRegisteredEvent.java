package dev.taskmesh.api.account;

/**
 * A person joined TaskMesh. Carries only what other people see; the email and the password hash stay in the
 * account table, so the event store never holds a credential. Handle and name are stored encrypted (PersonalData).
 */
public record UserRegisteredEvent(
        UserId userId,
        @PersonalData(erased = "deleted-user") String handle,
        @PersonalData(erased = "Deleted user") String displayName)
        implements UserEvent {}
