package dev.taskmesh.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterUserCommand(@TargetAggregateIdentifier UserId userId, String handle, String displayName) {}
