package dev.taskmesh.realtime.relay;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, told about commits on other nodes.
 *
 * <p>Its stream readers wake at once for events committed in this JVM, and otherwise poll the database every fetch
 * delay (a second by default). The relay runs on one node and most writes arrive through others, so every node
 * announces its commits on the bus ({@link #onCommit}) and every node that hears one calls {@link #wake}: the relay
 * then sees an event about as soon as it was committed anywhere. Redis rather than PostgreSQL's LISTEN/NOTIFY:
 * NOTIFY takes a database-wide lock at commit, which would serialise every write transaction.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();

    public WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Runs {@code listener} after every commit that appended events through this store. */
    public void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }

    /** Makes waiting stream readers fetch now: events were committed elsewhere. */
    public void wake() {
        super.afterCommit(List.of());
    }

    /**
     * Axon calls this when its unit of work commits. A unit of work that joined an outer transaction (a request with
     * an {@code Idempotency-Key} stores its answer in the same one) commits before the database does: readers woken
     * then find nothing, and the events waited for the next commit or the fetch delay, which put the write rate's
     * interval at the median of every frame's latency. Then the wake waits for the outer commit.
     */
    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        AfterOuterCommit.run(() -> {
            super.afterCommit(events);
            commitListeners.forEach(Runnable::run);
        });
    }
}
