package dev.taskmesh.realtime.stream;

/**
 * A frame as the replay log holds it: {@code json} is the complete event frame, position included, sent to clients
 * byte for byte; {@code seq} is its place in the relay's order across all streams.
 */
public record StoredFrame(long seq, String stream, long position, String json) {}
