package dev.taskmesh.realtime.stream;

import java.util.UUID;
import java.util.function.LongFunction;

/** A frame waiting for its position: {@code render} writes the frame's JSON once the position is known. */
public record NewFrame(StreamName stream, UUID workspaceId, String eventId, LongFunction<String> render) {}
