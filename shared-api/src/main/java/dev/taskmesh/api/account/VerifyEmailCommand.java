package dev.taskmesh.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The user proved to own the account's email address, by a link sent to it. */
public record VerifyEmailCommand(@TargetAggregateIdentifier UserId userId) {}
