package dev.taskmesh.bench.load;

import dev.taskmesh.bench.record.LatencyRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** N clients, each sending its next request as soon as the previous one is answered: the saturation throughput. */
public final class ClosedLoop {

    private ClosedLoop() {}

    public static LatencyRecorder.Snapshot run(int clients, Duration duration, Call call) {
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicLong counter = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().name("closed-loop-" + c).start(() -> {
                while (System.nanoTime() < deadline) {
                    long sent = System.nanoTime();
                    try {
                        if (call.run(counter.getAndIncrement())) {
                            recorder.success(sent, sent, System.nanoTime());
                        } else {
                            recorder.error();
                        }
                    } catch (Exception e) {
                        recorder.error();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return recorder.snapshot();
    }
}
