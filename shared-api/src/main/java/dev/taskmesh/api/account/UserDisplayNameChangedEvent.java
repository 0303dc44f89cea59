package dev.taskmesh.api.account;

public record UserDisplayNameChangedEvent(
        UserId userId,
        @PersonalData(erased = "Deleted user") String displayName) implements UserEvent {}
