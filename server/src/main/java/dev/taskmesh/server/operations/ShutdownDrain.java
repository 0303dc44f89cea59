package dev.taskmesh.server.operations;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The first thing a stopping node does: it reports itself not ready (readiness {@code OUT_OF_SERVICE}, 503) and goes
 * on serving everything for {@code taskmesh.shutdown.drain}, so a load balancer that polls readiness stops sending it
 * new work before Tomcat stops accepting; then the graceful shutdown finishes requests in flight, closes WebSockets
 * with 1012 and releases the processors' segments. Stopped first because its phase is the highest.
 */
final class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drain;
    private final ApplicationEventPublisher events;
    private volatile boolean running;

    ShutdownDrain(Duration drain, ApplicationEventPublisher events) {
        this.drain = drain;
        this.events = events;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        if (drain.isZero() || drain.isNegative()) {
            return;
        }
        log.info("Draining for {} before shutting down: readiness is down, requests are still served", drain);
        try {
            Thread.sleep(drain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
