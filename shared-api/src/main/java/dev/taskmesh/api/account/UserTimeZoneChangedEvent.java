package dev.taskmesh.api.account;

/** @param timeZone an IANA zone id, such as {@code Europe/Berlin}: where someone lives is personal */
public record UserTimeZoneChangedEvent(
        UserId userId, @PersonalData(erased = "UTC") String timeZone) implements UserEvent {}
