package dev.taskmesh.realtime.bus;

import dev.taskmesh.realtime.stream.StoredFrame;
import dev.taskmesh.realtime.stream.StreamLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This node's ordered feed of frames: every frame the relay stored, once each, in seq order, whatever the bus did.
 *
 * <p>The relay's seq is dense, so a frame arriving with a seq beyond the next expected one proves frames were lost
 * on the way (Redis restarted, this node's subscription was down); they are read from the replay log before the new
 * one is delivered. A frame that never arrives at all (the relay died between commit and publish, or Redis is down)
 * is found by a poll of the log every {@code pollInterval}, which is also how clients keep receiving frames, a little
 * later, while Redis is away. Everything runs on one thread, which is what keeps the order.
 */
public class NodeFeed implements BusListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeFeed.class);
    private static final int PAGE = 500;

    private final StreamLog streamLog;
    private final FrameSink sink;
    private final Duration pollInterval;
    private final Timer transit;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("realtime-feed").daemon().factory());
    private long delivered;
    private volatile boolean running;

    public NodeFeed(StreamLog streamLog, FrameSink sink, Duration pollInterval, MeterRegistry meters) {
        this.streamLog = streamLog;
        this.sink = sink;
        this.pollInterval = pollInterval;
        this.transit = Timer.builder("taskmesh.realtime.bus.transit")
                .description("From the relay publishing a frame until this node receives it")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @Override
    public void frame(StoredFrame frame, long publishedMicros) {
        if (!running) {
            return; // stopping, or not started: the log has it for whoever reads next
        }
        Arrival arrival = Arrival.of(frame.json());
        transit.record(Math.max(0, nowMicros() - publishedMicros), TimeUnit.MICROSECONDS);
        thread.execute(() -> accept(frame, arrival));
    }

    @Override
    public void available(boolean available) {
        sink.busAvailable(available);
        if (available) {
            thread.execute(this::catchUp);
        }
    }

    private void accept(StoredFrame frame, Arrival arrival) {
        if (frame.seq() > delivered + 1) {
            catchUp();
        }
        if (frame.seq() == delivered + 1) {
            deliver(frame, arrival);
        }
    }

    private void catchUp() {
        try {
            List<StoredFrame> page;
            do {
                page = streamLog.after(delivered, PAGE);
                page.forEach(frame -> deliver(frame, Arrival.of(frame.json())));
            } while (page.size() == PAGE);
        } catch (RuntimeException e) {
            log.warn("Reading the replay log failed; retrying at the next poll: {}", e.toString());
        }
    }

    private void deliver(StoredFrame frame, Arrival arrival) {
        delivered = frame.seq();
        sink.deliver(frame, arrival);
    }

    @Override
    public void start() {
        delivered = streamLog.latestSeq();
        long every = pollInterval.toMillis();
        thread.scheduleWithFixedDelay(this::catchUp, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        thread.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
