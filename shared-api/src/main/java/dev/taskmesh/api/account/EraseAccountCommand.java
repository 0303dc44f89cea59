package dev.taskmesh.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends an account for good: its personal data becomes unreadable everywhere; its id and deeds stay. */
public record EraseAccountCommand(@TargetAggregateIdentifier UserId userId) {}
