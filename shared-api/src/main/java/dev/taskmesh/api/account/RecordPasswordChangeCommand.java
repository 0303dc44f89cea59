package dev.taskmesh.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that the account's password was replaced, by its owner or through a reset link. The hash itself lives in
 * the account table only; the event is the account's audit trail.
 */
public record RecordPasswordChangeCommand(
        @TargetAggregateIdentifier UserId userId, boolean byReset) {}
