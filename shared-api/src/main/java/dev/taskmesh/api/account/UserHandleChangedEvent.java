package dev.taskmesh.api.account;

/** The user goes by another handle; earlier mentions keep the text they were written with. */
public record UserHandleChangedEvent(
        UserId userId,
        @PersonalData(erased = "deleted-user") String handle) implements UserEvent {}
