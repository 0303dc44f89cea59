package dev.taskmesh.realtime.bus;

import dev.taskmesh.realtime.relay.WakeableEventStore;
import dev.taskmesh.realtime.stream.StoredFrame;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Redis pub/sub between nodes, through Lettuce: the relay's frames on one channel, commit announcements on another.
 *
 * <p>The bus is only the fast path. A frame published while Redis is down is rejected at once rather than buffered,
 * and no node depends on receiving it: each node's feed reads whatever it missed from the replay log. Lettuce
 * reconnects and subscribes again by itself; until the first connection succeeds this class retries every second, so
 * a node starts and serves writes while Redis is down.
 */
public class FrameBus implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FrameBus.class);

    private final RedisClient client;
    private final String framesChannel;
    private final String commitsChannel;
    private final String nodeId = UUID.randomUUID().toString();
    private final WakeableEventStore eventStore;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("realtime-bus-connect").daemon().factory());
    private final BusListener listener;
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile boolean running;

    public FrameBus(String redisUrl, String channelPrefix, WakeableEventStore eventStore, BusListener listener) {
        this.listener = listener;
        this.client = RedisClient.create(RedisURI.create(redisUrl));
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.framesChannel = channelPrefix + ":frames";
        this.commitsChannel = channelPrefix + ":commits";
        this.eventStore = eventStore;
    }

    /** Publishes frames in order on one connection, so every node receives them in seq order. */
    public void publish(List<StoredFrame> frames) {
        StatefulRedisConnection<String, String> connection = publisher;
        if (connection == null || frames.isEmpty()) {
            return;
        }
        long now = nowMicros();
        try {
            for (StoredFrame frame : frames) {
                connection
                        .async()
                        .publish(framesChannel, BusMessages.encode(frame, now))
                        .exceptionally(this::dropped);
            }
        } catch (RuntimeException closed) {
            dropped(closed); // shutting down: the frames are in the log, which the other nodes read
        }
    }

    private Long dropped(Throwable failure) {
        log.debug("Frame not published, nodes will read it from the replay log: {}", failure.toString());
        return 0L;
    }

    @Override
    public void start() {
        running = true;
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == subscriber) {
                    log.info("Realtime bus connected to Redis at {}", address);
                    listener.available(true);
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == subscriber && running) {
                    log.warn("Realtime bus lost Redis; frames come from the replay log until it is back");
                    listener.available(false);
                }
            }
        });
        eventStore.onCommit(this::announceCommit);
        connect();
    }

    private void connect() {
        try {
            if (publisher == null) {
                publisher = client.connect();
                publisher.setTimeout(Duration.ofSeconds(1));
            }
            StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    receive(channel, message);
                }
            });
            connection.sync().subscribe(framesChannel, commitsChannel);
            subscriber = connection;
            listener.available(true);
        } catch (RuntimeException e) {
            log.warn("Redis unreachable ({}); live frames come from the replay log until it is back", e.toString());
            listener.available(false);
            if (running) {
                retries.schedule(this::connect, 1, TimeUnit.SECONDS);
            }
        }
    }

    private void receive(String channel, String message) {
        if (channel.equals(framesChannel)) {
            BusMessages.decode(message, listener::frame);
        } else if (!message.equals(nodeId)) {
            eventStore.wake();
        }
    }

    private void announceCommit() {
        StatefulRedisConnection<String, String> connection = publisher;
        if (connection != null) {
            try {
                connection.async().publish(commitsChannel, nodeId).exceptionally(failure -> 0L);
            } catch (RuntimeException closed) {
                // shutting down; the other nodes' readers fall back on their fetch delay
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        retries.shutdownNow();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
