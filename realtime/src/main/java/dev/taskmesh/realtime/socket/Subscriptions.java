package dev.taskmesh.realtime.socket;

import dev.taskmesh.realtime.bus.FrameSink;
import dev.taskmesh.realtime.stream.StoredFrame;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/** This node's connections and, per stream, the subscriptions the feed delivers to. */
public class Subscriptions implements FrameSink {

    private final Map<String, Set<Subscription>> byStream = new ConcurrentHashMap<>();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ServerFrames frames;
    private final JsonMapper json;

    private Subscriptions(JsonMapper json) {
        this.frames = new ServerFrames(json);
        this.json = json;
    }

    public static Subscriptions create(JsonMapper json) {
        return new Subscriptions(json);
    }

    @Override
    public void deliver(StoredFrame frame, long receivedNanos) {
        Set<Subscription> subscribers = byStream.get(frame.stream());
        if (subscribers != null) {
            subscribers.forEach(subscription -> subscription.offer(frame, receivedNanos));
        }
        Revocations.of(frame, json).ifPresent(this::revoke);
    }

    /**
     * Ends the removed member's subscriptions that rest on that workspace, on every connection of theirs on this
     * node: every node hears the removal on the bus within milliseconds of its commit.
     */
    private void revoke(Revocations.Removal removal) {
        for (Connection connection : connections.values()) {
            if (!connection.user().value().equals(removal.userId())) {
                continue;
            }
            for (Subscription subscription : connection.subscriptions().values()) {
                if (subscription.restsOn(removal.workspaceId())) {
                    subscription.revoke();
                    remove(subscription);
                    connection.subscriptions().remove(subscription.stream().toString(), subscription);
                    connection
                            .outbox()
                            .send(frames.error(
                                    null,
                                    ErrorCode.MEMBERSHIP_REVOKED,
                                    subscription.stream(),
                                    "You are no longer a member of this workspace."));
                }
            }
        }
    }

    @Override
    public void busAvailable(boolean available) {
        if (!available) {
            String notice = frames.error(
                    null,
                    ErrorCode.BUS_UNAVAILABLE,
                    "Live delivery is degraded: frames arrive from the replay log, up to a second late");
            connections.values().forEach(connection -> connection.outbox().send(notice));
        }
    }

    void add(Subscription subscription) {
        byStream.computeIfAbsent(subscription.stream().toString(), key -> ConcurrentHashMap.newKeySet())
                .add(subscription);
    }

    void remove(Subscription subscription) {
        byStream.computeIfPresent(subscription.stream().toString(), (key, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
    }

    void open(Connection connection) {
        connections.put(connection.id(), connection);
    }

    /** Forgets the connection and all its subscriptions. */
    void closed(Connection connection) {
        connections.remove(connection.id());
        connection.subscriptions().values().forEach(this::remove);
        connection.subscriptions().clear();
    }

    Collection<Connection> connections() {
        return connections.values();
    }

    public int connectionCount() {
        return connections.size();
    }

    public int subscriptionCount() {
        return byStream.values().stream().mapToInt(Set::size).sum();
    }
}
