package dev.taskmesh.realtime.relay;

import dev.taskmesh.realtime.stream.StreamLog;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Prunes the replay log to its retention, hourly, in small batches so it never holds long locks. Every node runs it;
 * the deletes are idempotent. Stream heads are kept, so positions never restart.
 */
public class LogRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogRetention.class);
    private static final int BATCH = 5_000;

    private final StreamLog streamLog;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("realtime-retention").daemon().factory());
    private volatile boolean running;

    public LogRetention(StreamLog streamLog, Duration retention, Clock clock) {
        this.streamLog = streamLog;
        this.retention = retention;
        this.clock = clock;
    }

    void prune() {
        try {
            int deleted;
            do {
                deleted = streamLog.prune(clock.instant().minus(retention), BATCH);
            } while (deleted == BATCH && running);
        } catch (RuntimeException e) {
            log.warn("Pruning the replay log failed; next attempt in an hour: {}", e.toString());
        }
    }

    @Override
    public void start() {
        timer.scheduleWithFixedDelay(this::prune, 1, 60, TimeUnit.MINUTES);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
