package dev.taskmesh.bench.record;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One kind of request over time: a latency histogram and an error count per second since {@code startNanos}, from
 * which a report draws latency and throughput as they moved (through a fault, over a soak) rather than one figure for
 * the whole run. Thread-safe; values in microseconds, as {@link LatencyRecorder}'s.
 */
public final class TimeSeries {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final long startNanos;
    private final ConcurrentHashMap<Integer, Histogram> latencies = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, LongAdder> errors = new ConcurrentHashMap<>();

    public TimeSeries(long startNanos) {
        this.startNanos = startNanos;
    }

    /** A request that succeeded at {@code doneNanos} after {@code micros}. */
    public void success(long doneNanos, long micros) {
        latencies
                .computeIfAbsent(second(doneNanos), s -> new ConcurrentHistogram(MAX_MICROS, 3))
                .recordValue(Math.min(Math.max(micros, 0), MAX_MICROS));
    }

    public void error(long nanos) {
        errors.computeIfAbsent(second(nanos), s -> new LongAdder()).increment();
    }

    /** Seconds since the start of {@code nanos} (System.nanoTime): where a marker for it goes on a plot. */
    public double at(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    /**
     * The series in buckets of {@code seconds}: for each, its middle (seconds from the start), requests per second,
     * errors per second and latency p50, p99 and max in milliseconds (NaN where nothing succeeded).
     */
    public List<Point> points(int seconds) {
        int last = Math.max(
                latencies.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1),
                errors.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1));
        List<Point> points = new ArrayList<>();
        for (int from = 0; from <= last; from += seconds) {
            Histogram bucket = new Histogram(MAX_MICROS, 3);
            long failed = 0;
            for (int s = from; s < from + seconds; s++) {
                Histogram h = latencies.get(s);
                if (h != null) {
                    bucket.add(h);
                }
                LongAdder e = errors.get(s);
                failed += e == null ? 0 : e.sum();
            }
            boolean any = bucket.getTotalCount() > 0;
            points.add(new Point(
                    from + seconds / 2.0,
                    bucket.getTotalCount() / (double) seconds,
                    failed / (double) seconds,
                    any ? bucket.getValueAtPercentile(50) / 1000.0 : Double.NaN,
                    any ? bucket.getValueAtPercentile(99) / 1000.0 : Double.NaN,
                    any ? bucket.getMaxValue() / 1000.0 : Double.NaN));
        }
        return points;
    }

    /** Every latency recorded, whatever its second. */
    public Histogram total() {
        Histogram total = new Histogram(MAX_MICROS, 3);
        latencies.values().forEach(total::add);
        return total;
    }

    /** Every latency recorded between two moments (System.nanoTime), by whole seconds. */
    public Histogram between(long fromNanos, long toNanos) {
        Histogram part = new Histogram(MAX_MICROS, 3);
        for (int s = second(fromNanos); s < second(toNanos); s++) {
            Histogram h = latencies.get(s);
            if (h != null) {
                part.add(h);
            }
        }
        return part;
    }

    public long errors() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private int second(long nanos) {
        return (int) Math.max(0, (nanos - startNanos) / 1_000_000_000L);
    }

    /** One bucket of the series. */
    public record Point(double t, double perSecond, double errorsPerSecond, double p50Ms, double p99Ms, double maxMs) {}
}
