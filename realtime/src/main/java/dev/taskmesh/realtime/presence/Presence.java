package dev.taskmesh.realtime.presence;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Who is on which stream, across every node, and the typing signals between them, in Redis.
 *
 * <p>Each stream with anyone present is a sorted set {@code <prefix>:presence:<stream>} of {@code <user>|<node>}
 * members scored by when they expire. A node counts its own connections per (stream, user), adds the member on the
 * first and removes it after the last, so a user with several tabs, on one node or several, is present once.
 * Every {@code ttl / 3} the node pushes its members' expiry forward: when a node dies, its members lapse within
 * {@code ttl} and the next read no longer sees them. Changes are announced on {@code <prefix>:signals}, with typing
 * signals, so every node can tell its own subscribers.
 *
 * <p>Presence is a courtesy, not a record: when Redis is unreachable nothing here fails a client's request, reads
 * answer empty, and typing reaches this node's subscribers only.
 */
public class Presence implements SmartLifecycle {

    /** Told of changes made on any node. */
    public interface Listener {

        /** Someone joined or left {@code stream}: read it again. */
        void changed(String stream);

        void typing(String stream, String user, Instant expiresAt);
    }

    private static final Logger log = LoggerFactory.getLogger(Presence.class);
    private static final String CHANGED = "p";
    private static final String TYPING = "t";

    private final RedisClient client;
    private final String prefix;
    private final String signals;
    private final String node = UUID.randomUUID().toString();
    private final Duration ttl;
    private final Clock clock;
    /** This node's connections per stream and user; guarded by this object, which joins, leaves and refreshes hold. */
    private final Map<String, Map<String, Integer>> local = new HashMap<>();

    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("realtime-presence").daemon().factory());
    private volatile Listener listener = new Listener() {
        @Override
        public void changed(String stream) {}

        @Override
        public void typing(String stream, String user, Instant expiresAt) {}
    };
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile boolean running;

    public Presence(String redisUrl, String prefix, Duration ttl, Clock clock) {
        this.client = RedisClient.create(RedisURI.create(redisUrl));
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.prefix = prefix;
        this.signals = prefix + ":signals";
        this.ttl = ttl;
        this.clock = clock;
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    public Duration ttl() {
        return ttl;
    }

    /** One more connection of {@code user} on {@code stream} on this node. */
    public synchronized void joined(String stream, String user) {
        if (local.computeIfAbsent(stream, key -> new HashMap<>()).merge(user, 1, Integer::sum) == 1) {
            write(connection -> {
                connection.async().zadd(key(stream), expiry(), member(user));
                connection.async().pexpire(key(stream), ttl.toMillis());
            });
            announce(CHANGED + "\t" + stream);
        }
    }

    /** One connection fewer; the user's member goes after their last one here. */
    public synchronized void left(String stream, String user) {
        Map<String, Integer> users = local.get(stream);
        if (users == null || !users.containsKey(user)) {
            return; // never counted here
        }
        if (users.computeIfPresent(user, (key, count) -> count == 1 ? null : count - 1) != null) {
            return; // other connections of the user remain
        }
        if (users.isEmpty()) {
            local.remove(stream);
        }
        write(connection -> connection.async().zrem(key(stream), member(user)));
        announce(CHANGED + "\t" + stream);
    }

    /** The users present on {@code stream} now, in id order; empty when Redis cannot say. */
    public List<String> present(String stream) {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null) {
            return List.of();
        }
        try {
            List<String> members = connection
                    .sync()
                    .zrangebyscore(key(stream), Range.create(clock.millis(), Double.POSITIVE_INFINITY));
            TreeSet<String> users = new TreeSet<>();
            members.forEach(member -> users.add(member.substring(0, member.indexOf('|'))));
            return List.copyOf(users);
        } catch (RuntimeException e) {
            log.debug("Presence of {} unreadable: {}", stream, e.toString());
            return List.of();
        }
    }

    /** Tells every node's subscribers of {@code stream} that {@code user} is typing until {@code expiresAt}. */
    public void typing(String stream, String user, Instant expiresAt) {
        if (!announce(TYPING + "\t" + stream + "\t" + user + "\t" + expiresAt.toEpochMilli())) {
            listener.typing(stream, user, expiresAt); // Redis is away: this node's subscribers still hear it
        }
    }

    private void receive(String message) {
        String[] parts = message.split("\t", -1);
        try {
            if (parts.length == 2 && parts[0].equals(CHANGED)) {
                listener.changed(parts[1]);
            } else if (parts.length == 4 && parts[0].equals(TYPING)) {
                listener.typing(parts[1], parts[2], Instant.ofEpochMilli(Long.parseLong(parts[3])));
            }
        } catch (RuntimeException e) {
            log.debug("Ignored a presence signal: {}", e.toString());
        }
    }

    /**
     * Keeps this node's members from lapsing, one command per stream. Under the same lock as joins and leaves, so a
     * refresh never writes back a member that a leave has just removed.
     */
    private synchronized void refresh() {
        long expiry = expiry();
        write(connection -> local.forEach((stream, users) -> {
            List<ScoredValue<String>> members = new ArrayList<>();
            users.keySet().forEach(user -> members.add(ScoredValue.just(expiry, member(user))));
            if (!members.isEmpty()) {
                connection.async().zadd(key(stream), members.toArray(ScoredValue[]::new));
                connection
                        .async()
                        .zremrangebyscore(key(stream), Range.create(Double.NEGATIVE_INFINITY, clock.millis()));
                connection.async().pexpire(key(stream), ttl.toMillis());
            }
        }));
    }

    private boolean announce(String message) {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null) {
            return false;
        }
        try {
            connection.async().publish(signals, message).exceptionally(failure -> 0L);
            return connection.isOpen();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void write(java.util.function.Consumer<StatefulRedisConnection<String, String>> command) {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null) {
            return;
        }
        try {
            command.accept(connection);
        } catch (RuntimeException e) {
            log.debug("Presence not written: {}", e.toString());
        }
    }

    private String key(String stream) {
        return prefix + ":presence:" + stream;
    }

    private String member(String user) {
        return user + "|" + node;
    }

    private long expiry() {
        return clock.millis() + ttl.toMillis();
    }

    private void connect() {
        try {
            if (commands == null) {
                StatefulRedisConnection<String, String> connection = client.connect();
                connection.setTimeout(Duration.ofSeconds(1));
                commands = connection;
            }
            StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    receive(message);
                }
            });
            connection.sync().subscribe(signals);
            refresh(); // members written while Redis was away
        } catch (RuntimeException e) {
            log.debug("Presence waits for Redis: {}", e.toString());
            if (running) {
                heartbeat.schedule(this::connect, 1, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        heartbeat.execute(this::connect);
        long every = Math.max(1, ttl.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::refreshSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.debug("Presence refresh failed: {}", e.toString());
        }
    }

    /** A node that stops cleanly takes its members with it; one that dies leaves them to lapse. */
    @Override
    public void stop() {
        running = false;
        heartbeat.shutdownNow();
        synchronized (this) {
            write(connection -> local.forEach((stream, users) -> {
                users.keySet().forEach(user -> connection.async().zrem(key(stream), member(user)));
                announce(CHANGED + "\t" + stream);
            }));
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the WebSocket side (which stops first, at a higher phase) has closed its connections. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
