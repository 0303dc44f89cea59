package dev.taskmesh.bench.ws;

import java.util.concurrent.atomic.LongAdder;

/**
 * What all connections of a process received, frame by frame. Every connection checks its own stream's positions
 * (see {@link WsConnection}) and counts here: a position at or below the last one seen is a duplicate, one more than
 * a step above it a hole.
 */
final class FrameCounters {

    final LongAdder events = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder holes = new LongAdder();
    final LongAdder resets = new LongAdder();
    /** event frames before the subscription was confirmed: the protocol says they cannot come */
    final LongAdder early = new LongAdder();

    final LongAdder errorFrames = new LongAdder();
    /** of the error frames, those saying Redis is unreachable: expected, once per client, while it is */
    final LongAdder busUnavailable = new LongAdder();
    /** frames that are not JSON objects, or of a type the protocol does not name */
    final LongAdder badFrames = new LongAdder();

    final LongAdder socketErrors = new LongAdder();

    /** closed sockets by close code (docs/realtime.md#codes; 1006: it dropped): why clients had to reconnect */
    final java.util.concurrent.ConcurrentHashMap<Integer, LongAdder> closes =
            new java.util.concurrent.ConcurrentHashMap<>();

    void closed(int code) {
        closes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }
}
