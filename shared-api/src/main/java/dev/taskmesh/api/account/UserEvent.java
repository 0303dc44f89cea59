package dev.taskmesh.api.account;

/** Everything that happens to a user account; sealed so projections can switch exhaustively. */
public sealed interface UserEvent
        permits UserRegisteredEvent,
                UserHandleChangedEvent,
                UserDisplayNameChangedEvent,
                UserTimeZoneChangedEvent,
                UserPasswordChangedEvent,
                UserEmailVerifiedEvent,
                UserErasedEvent {
    UserId userId();
}
