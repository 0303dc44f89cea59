package dev.taskmesh.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes what other people see of a user, and the user's time zone; a null field is left as it is. The handle's
 * uniqueness is the account table's, checked in the same transaction.
 */
public record ChangeProfileCommand(
        @TargetAggregateIdentifier UserId userId, String handle, String displayName, String timeZone) {}
