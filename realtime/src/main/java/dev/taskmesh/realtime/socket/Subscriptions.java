package dev.taskmesh.realtime.socket;

import dev.taskmesh.realtime.bus.Arrival;
import dev.taskmesh.realtime.bus.FrameSink;
import dev.taskmesh.realtime.presence.Presence;
import dev.taskmesh.realtime.stream.StoredFrame;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/** This node's connections and, per stream, the subscriptions the feed delivers to. */
public class Subscriptions implements FrameSink {

    private final Map<String, Set<Subscription>> byStream = new ConcurrentHashMap<>();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, Integer> connectionsPerUser = new ConcurrentHashMap<>();
    private final ServerFrames frames;
    private final JsonMapper json;
    private final Presence presence;

    private Subscriptions(JsonMapper json, Presence presence) {
        this.frames = new ServerFrames(json);
        this.json = json;
        this.presence = presence;
    }

    public static Subscriptions create(JsonMapper json, Presence presence) {
        return new Subscriptions(json, presence);
    }

    @Override
    public void deliver(StoredFrame frame, Arrival arrival) {
        Set<Subscription> subscribers = byStream.get(frame.stream());
        if (subscribers != null) {
            subscribers.forEach(subscription -> subscription.offer(frame, arrival));
        }
        Revocations.of(frame, json).ifPresent(this::revoke);
    }

    /**
     * Ends the removed member's subscriptions that rest on that workspace, on every connection of theirs on this
     * node: every node hears the removal on the bus within milliseconds of its commit.
     */
    private void revoke(Revocations.Removal removal) {
        for (Connection connection : connections.values()) {
            if (!removal.removes(connection.user().value())) {
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
                                    removal.userId() == null
                                            ? "This workspace was deleted."
                                            : "You are no longer a member of this workspace."));
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

    /**
     * The subscription passed its access check: its user is present on the stream from now on (unless the
     * subscription ended while it was checked).
     */
    void granted(Subscription subscription, UUID workspaceId) {
        subscription.granted(workspaceId);
        if (PresenceWatch.hasPresence(subscription.stream())) {
            subscription.becomePresent(() -> presence.joined(
                    subscription.stream().toString(),
                    subscription.connection().user().toString()));
        }
    }

    void remove(Subscription subscription) {
        byStream.computeIfPresent(subscription.stream().toString(), (key, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
        subscription.end(() -> presence.left(
                subscription.stream().toString(),
                subscription.connection().user().toString()));
    }

    /** The connections on this node that follow {@code stream} with access granted. */
    List<Connection> liveSubscribers(String stream) {
        Set<Subscription> subscribers = byStream.get(stream);
        if (subscribers == null) {
            return List.of();
        }
        return subscribers.stream()
                .filter(subscription -> subscription.isGranted() && !subscription.isRevoked())
                .map(Subscription::connection)
                .distinct()
                .toList();
    }

    /** The streams someone on this node follows. */
    Set<String> streams() {
        return Set.copyOf(byStream.keySet());
    }

    /** Registers the connection; answers how many its user now has open on this node. */
    int open(Connection connection) {
        connections.put(connection.id(), connection);
        return connectionsPerUser.merge(connection.user().toString(), 1, Integer::sum);
    }

    /** Forgets the connection and all its subscriptions. */
    void closed(Connection connection) {
        if (connections.remove(connection.id()) != null) {
            // one atomic step per change of the count, so an open racing the last close never counts on a dropped entry
            connectionsPerUser.computeIfPresent(
                    connection.user().toString(), (user, count) -> count == 1 ? null : count - 1);
        }
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
