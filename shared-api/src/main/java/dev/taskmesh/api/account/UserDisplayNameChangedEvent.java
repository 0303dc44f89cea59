package dev.taskmesh.api.account;

public record UserDisplayNameChangedEvent(UserId userId, String displayName) implements UserEvent {}
