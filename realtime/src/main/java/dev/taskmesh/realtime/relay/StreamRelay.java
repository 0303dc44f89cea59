package dev.taskmesh.realtime.relay;

import dev.taskmesh.realtime.bus.FrameBus;
import dev.taskmesh.realtime.stream.NewFrame;
import dev.taskmesh.realtime.stream.StoredFrame;
import dev.taskmesh.realtime.stream.StreamLog;
import dev.taskmesh.realtime.stream.StreamRouting;
import dev.taskmesh.realtime.stream.StreamRouting.Route;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Gives every event its positions and puts its frames on the bus.
 *
 * <p>Why here and not from the event store's global index: a transaction holding a lower global index can commit
 * after a higher one, and a gap-aware token delivers the late event afterwards. Positions are therefore assigned in
 * the order this processor receives events, which is the order clients receive them. The frames of a whole batch are
 * stored when its unit of work prepares to commit, in the transaction that also stores the processor's token: a relay
 * killed mid-batch leaves neither positions nor token behind, and the next owner assigns the same events again.
 * Publishing waits until after the commit, so no node ever sees a frame the log could still lose.
 */
@ProcessingGroup(StreamRelay.PROCESSOR)
public class StreamRelay {

    public static final String PROCESSOR = "realtime-relay";

    private static final String BATCH = StreamRelay.class.getName() + ".batch";

    private final StreamLog log;
    private final EventFrames frames;
    private final FrameBus bus;
    private final Clock clock;
    private final Timer wait;
    private final Timer store;

    public StreamRelay(StreamLog log, EventFrames frames, FrameBus bus, Clock clock, MeterRegistry meters) {
        this.log = log;
        this.frames = frames;
        this.bus = bus;
        this.clock = clock;
        this.wait = Timer.builder("taskmesh.realtime.relay.wait")
                .description("From an event's timestamp until the relay picks it up")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.store = Timer.builder("taskmesh.realtime.relay.store")
                .description("From the relay picking up a batch until its positions are committed")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        Route route = StreamRouting.of(payload);
        if (route.streams().isEmpty()) {
            return;
        }
        wait.record(Duration.between(event.getTimestamp(), clock.instant()));
        currentBatch().add(frames.of(route, event));
    }

    private Batch currentBatch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch(System.nanoTime());
            unitOfWork.onPrepareCommit(u -> batch.stored = log.append(batch.frames, clock.instant()));
            unitOfWork.afterCommit(u -> {
                store.record(System.nanoTime() - batch.startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
                bus.publish(batch.stored);
            });
            return batch;
        });
    }

    private static final class Batch {

        private final long startedNanos;
        private final List<NewFrame> frames = new ArrayList<>();
        private List<StoredFrame> stored = List.of();

        Batch(long startedNanos) {
            this.startedNanos = startedNanos;
        }

        void add(List<NewFrame> more) {
            frames.addAll(more);
        }
    }
}
