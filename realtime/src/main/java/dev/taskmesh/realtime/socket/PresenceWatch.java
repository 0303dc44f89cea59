package dev.taskmesh.realtime.socket;

import dev.taskmesh.realtime.presence.Presence;
import dev.taskmesh.realtime.stream.StreamName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Presence and typing frames for this node's subscribers. Whenever any node says a stream's presence changed, and
 * every {@code ttl / 3} for every stream followed here (so members of a dead node are seen to lapse), the stream's
 * users are read and compared with what this node last told its subscribers; the difference goes out as {@code join}
 * and {@code leave} frames. So a user is one presence however many tabs they have, and clients apply {@code join}
 * and {@code leave} as set updates to their last {@code snapshot}. One thread does all of it, in order.
 */
public class PresenceWatch implements Presence.Listener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceWatch.class);

    private final Presence presence;
    private final Subscriptions subscriptions;
    private final ServerFrames frames;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("realtime-presence-watch").daemon().factory());
    /** What this node's subscribers were last told, per stream; touched by {@link #thread} only. */
    private final Map<String, List<String>> told = new HashMap<>();

    private volatile boolean running;

    public PresenceWatch(Presence presence, Subscriptions subscriptions, JsonMapper json) {
        this.presence = presence;
        this.subscriptions = subscriptions;
        this.frames = new ServerFrames(json);
        presence.listen(this);
    }

    /** Whether a stream has presence: workspaces and tasks do, a user's own stream does not. */
    static boolean hasPresence(StreamName stream) {
        return stream.kind() != StreamName.Kind.USER;
    }

    /** The users on the subscription's stream, to the subscriber alone: on subscribe and on a presence request. */
    void snapshot(Subscription subscription, JsonNode ref) {
        String stream = subscription.stream().toString();
        subscription.connection().outbox().send(frames.presence(ref, stream, "snapshot", presence.present(stream)));
    }

    /** A subscriber of this node typed on {@code stream}: every node's subscribers are told, this one's included. */
    void typed(String stream, String user, Instant expiresAt) {
        presence.typing(stream, user, expiresAt);
    }

    @Override
    public void changed(String stream) {
        if (running) {
            thread.execute(() -> compare(stream));
        }
    }

    @Override
    public void typing(String stream, String user, Instant expiresAt) {
        String frame = frames.typing(stream, user, expiresAt);
        subscriptions
                .liveSubscribers(stream)
                .forEach(connection -> connection.outbox().send(frame));
    }

    private void compareAll() {
        try {
            told.keySet().retainAll(subscriptions.streams());
            for (String stream : subscriptions.streams()) {
                if (hasPresence(StreamName.parse(stream))) {
                    compare(stream);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Presence check failed; retrying at the next one: {}", e.toString());
        }
    }

    private void compare(String stream) {
        List<Connection> watchers = subscriptions.liveSubscribers(stream);
        if (watchers.isEmpty()) {
            told.remove(stream);
            return;
        }
        List<String> now = presence.present(stream);
        List<String> before = told.getOrDefault(stream, List.of());
        List<String> joined = minus(now, before);
        List<String> left = minus(before, now);
        told.put(stream, now);
        if (!joined.isEmpty()) {
            String frame = frames.presence(null, stream, "join", joined);
            watchers.forEach(connection -> connection.outbox().send(frame));
        }
        if (!left.isEmpty()) {
            String frame = frames.presence(null, stream, "leave", left);
            watchers.forEach(connection -> connection.outbox().send(frame));
        }
    }

    private static List<String> minus(List<String> from, List<String> taken) {
        TreeSet<String> rest = new TreeSet<>(from);
        taken.forEach(rest::remove);
        return new ArrayList<>(rest);
    }

    @Override
    public void start() {
        running = true;
        long every = Math.max(1, presence.ttl().toMillis() / 3);
        thread.scheduleWithFixedDelay(this::compareAll, every, every, TimeUnit.MILLISECONDS);
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
}
