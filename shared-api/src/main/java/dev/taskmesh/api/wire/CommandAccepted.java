package dev.taskmesh.api.wire;

/**
 * What every command answers. {@code version} is the aggregate's last sequence number (the next ETag);
 * {@code globalPosition} is the event store index of its last event, which reads take as {@code ?minPosition=}
 * to see their own writes.
 */
public record CommandAccepted(String id, long version, long globalPosition) {}
