package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;

/** A user's notification preferences, the defaults until they change them. */
public record FindPreferencesQuery(UserId userId) {}
