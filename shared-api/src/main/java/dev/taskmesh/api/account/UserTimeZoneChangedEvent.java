package dev.taskmesh.api.account;

/** @param timeZone an IANA zone id, such as {@code Europe/Berlin} */
public record UserTimeZoneChangedEvent(UserId userId, String timeZone) implements UserEvent {}
