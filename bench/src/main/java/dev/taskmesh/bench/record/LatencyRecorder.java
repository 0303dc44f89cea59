package dev.taskmesh.bench.record;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records one load step. Two histograms: from each request's <em>intended</em> start (open loop: the schedule, so a
 * stalled server is charged for every request it delayed, which corrects for coordinated omission) and from its
 * actual send (what the server took once the request was out). Thread-safe; values in microseconds.
 */
public final class LatencyRecorder {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final Recorder fromIntended = new Recorder(MAX_MICROS, 3);
    private final Recorder fromSend = new Recorder(MAX_MICROS, 3);
    private final LongAdder errors = new LongAdder();
    private final LongAdder completed = new LongAdder();

    /** @param intendedNanos when the schedule wanted the request sent; {@code sentNanos} when it was */
    public void success(long intendedNanos, long sentNanos, long doneNanos) {
        fromIntended.recordValue(clamp((doneNanos - intendedNanos) / 1_000));
        fromSend.recordValue(clamp((doneNanos - sentNanos) / 1_000));
        completed.increment();
    }

    public void error() {
        errors.increment();
    }

    /** The histograms so far; call once, at the end of the step. */
    public Snapshot snapshot() {
        return new Snapshot(
                fromIntended.getIntervalHistogram(), fromSend.getIntervalHistogram(), completed.sum(), errors.sum());
    }

    public record Snapshot(Histogram fromIntended, Histogram fromSend, long completed, long errors) {}

    private static long clamp(long micros) {
        // a value can come out negative when clocks of different threads disagree by a hair; it means "no wait"
        return Math.min(Math.max(micros, 0), MAX_MICROS);
    }
}
