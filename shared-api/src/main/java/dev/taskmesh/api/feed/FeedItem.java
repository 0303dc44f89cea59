package dev.taskmesh.api.feed;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.Instant;

/**
 * One event in a user's feed, as on the WebSocket: its type (the record name without {@code Event}), the task,
 * project, comment or workspace it happened to, who caused it (null when not over HTTP), when, and the event itself
 * ({@code data}, stored JSON sent as it is).
 */
public record FeedItem(
        String eventId,
        String eventType,
        WorkspaceId workspaceId,
        String aggregateId,
        UserId actor,
        Instant at,
        @JsonRawValue String data) {}
