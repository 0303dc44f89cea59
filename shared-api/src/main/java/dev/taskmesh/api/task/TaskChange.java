package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import java.time.Instant;

/**
 * One change of a task, straight from the event store: the version it produced, the event's type (its record name
 * without {@code Event}, as on the WebSocket), who caused it (null when not over HTTP, e.g. an import), when, and the
 * event itself.
 */
public record TaskChange(long version, String type, UserId actor, Instant at, TaskEvent change) {}
