package dev.taskmesh.bench.load;

import dev.taskmesh.bench.record.LatencyRecorder;
import dev.taskmesh.bench.record.TimeSeries;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

/**
 * A fixed arrival rate, whatever the server does: request i is due at start + i / rate and goes out on its own
 * virtual thread at that moment. Latency counts from the due time, so a server that stalls is charged for all the
 * requests that piled up behind the stall (no coordinated omission). At most {@code maxInFlight} requests are
 * outstanding; a request due beyond that is counted as an error rather than queued without bound, and a step with
 * any error does not count as meeting a latency target (its percentiles would leave out the slowest requests).
 */
public final class OpenLoop {

    private OpenLoop() {}

    public static LatencyRecorder.Snapshot run(double rate, Duration duration, int maxInFlight, Call call) {
        return run(rate, duration, maxInFlight, call, null);
    }

    /** As above, also recording each request (from its intended start) second by second into {@code series}. */
    public static LatencyRecorder.Snapshot run(
            double rate, Duration duration, int maxInFlight, Call call, TimeSeries series) {
        long total = Math.round(rate * duration.toNanos() / 1e9);
        return loop(rate, maxInFlight, index -> index < total, call, series);
    }

    /** As {@link #run}, for as long as {@code going} says: while something else happens, such as a rebuild. */
    public static LatencyRecorder.Snapshot runWhile(double rate, int maxInFlight, BooleanSupplier going, Call call) {
        return loop(rate, maxInFlight, index -> going.getAsBoolean(), call, null);
    }

    private static LatencyRecorder.Snapshot loop(
            double rate, int maxInFlight, LongPredicate more, Call call, TimeSeries series) {
        LatencyRecorder recorder = new LatencyRecorder();
        Semaphore inFlight = new Semaphore(maxInFlight);
        double intervalNanos = 1e9 / rate;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            for (long i = 0; more.test(i); i++) {
                long due = start + Math.round(i * intervalNanos);
                // parkNanos may return early (spuriously): a request must never leave before it is due
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                if (!inFlight.tryAcquire()) {
                    recorder.error();
                    if (series != null) {
                        series.error(due);
                    }
                    continue;
                }
                long index = i;
                threads.submit(() -> {
                    try {
                        long sent = System.nanoTime();
                        boolean ok = call.run(index);
                        long done = System.nanoTime();
                        if (ok) {
                            recorder.success(due, sent, done);
                            if (series != null) {
                                series.success(done, (done - due) / 1_000);
                            }
                        } else {
                            failed(recorder, series);
                        }
                    } catch (Exception e) {
                        failed(recorder, series);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return recorder.snapshot();
    }

    private static void failed(LatencyRecorder recorder, TimeSeries series) {
        recorder.error();
        if (series != null) {
            series.error(System.nanoTime());
        }
    }
}
