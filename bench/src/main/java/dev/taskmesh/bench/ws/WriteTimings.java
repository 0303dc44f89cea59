package dev.taskmesh.bench.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Matches frames to the writes that caused them, by correlation id, and records two latencies per frame, in
 * microseconds of wall-clock time: from the write's HTTP response (the figure users feel: the writer's own screen
 * has updated, how long until everyone else's does) and from its send. The scenario reports each write's times
 * once its response is in; a frame can beat that report (or the response itself), so its arrival waits here until
 * the write's times come. A frame that beats the response gives a negative figure, recorded as zero.
 */
final class WriteTimings {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final Map<String, long[]> writes = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> waiting = new ConcurrentHashMap<>();
    private final Recorder fromResponse = new Recorder(MAX_MICROS, 3);
    private final Recorder fromSend = new Recorder(MAX_MICROS, 3);

    /** A write's send and response times, epoch microseconds. */
    void written(String requestId, long sentMicros, long answeredMicros) {
        long[] times = {sentMicros, answeredMicros};
        writes.put(requestId, times);
        // frames that came first are recorded now; the compute on the same key orders this against frame()
        waiting.computeIfPresent(requestId, (id, arrivals) -> {
            for (long arrival : arrivals) {
                record(times, arrival);
            }
            return null;
        });
    }

    /** A frame caused by the write {@code requestId} arrived at {@code receivedMicros}. */
    void frame(String requestId, long receivedMicros) {
        long[] times = writes.get(requestId);
        if (times != null) {
            record(times, receivedMicros);
            return;
        }
        waiting.compute(requestId, (id, arrivals) -> {
            long[] now = writes.get(id);
            if (now != null) {
                record(now, receivedMicros);
                return arrivals;
            }
            List<Long> list = arrivals == null ? new ArrayList<>() : arrivals;
            list.add(receivedMicros);
            return list;
        });
    }

    /** Frames whose write was never reported: it failed on the HTTP side, yet its event was stored. */
    long unmatched() {
        return waiting.values().stream().mapToLong(List::size).sum();
    }

    Histogram fromResponse() {
        return fromResponse.getIntervalHistogram();
    }

    Histogram fromSend() {
        return fromSend.getIntervalHistogram();
    }

    private void record(long[] times, long receivedMicros) {
        fromSend.recordValue(clamp(receivedMicros - times[0]));
        fromResponse.recordValue(clamp(receivedMicros - times[1]));
    }

    private static long clamp(long micros) {
        return Math.min(Math.max(micros, 0), MAX_MICROS);
    }
}
