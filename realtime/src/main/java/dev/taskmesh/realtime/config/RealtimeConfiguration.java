package dev.taskmesh.realtime.config;

import dev.taskmesh.realtime.bus.FrameBus;
import dev.taskmesh.realtime.bus.NodeFeed;
import dev.taskmesh.realtime.presence.Presence;
import dev.taskmesh.realtime.push.UserStreamPush;
import dev.taskmesh.realtime.relay.EventFrames;
import dev.taskmesh.realtime.relay.LogRetention;
import dev.taskmesh.realtime.relay.StreamRelay;
import dev.taskmesh.realtime.relay.WakeableEventStore;
import dev.taskmesh.realtime.socket.ConnectionKeeper;
import dev.taskmesh.realtime.socket.HandshakeAuthentication;
import dev.taskmesh.realtime.socket.HandshakeRefusal;
import dev.taskmesh.realtime.socket.PresenceWatch;
import dev.taskmesh.realtime.socket.StreamAccess;
import dev.taskmesh.realtime.socket.StreamAuthenticator;
import dev.taskmesh.realtime.socket.StreamSocketHandler;
import dev.taskmesh.realtime.socket.Subscriptions;
import dev.taskmesh.realtime.stream.StreamLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Realtime as the server composes it. Every node relays (whichever holds the relay's token does the work), listens on
 * the bus and serves {@code /ws}; the server supplies the three ports: who a token belongs to, who may follow which
 * stream, and how a refused handshake is written.
 */
@Configuration(proxyBeanMethods = false)
public class RealtimeConfiguration {

    @Bean
    StreamLog streamLog(JdbcTemplate jdbc) {
        return new StreamLog(jdbc);
    }

    @Bean
    EventFrames eventFrames(JsonMapper json) {
        return new EventFrames(json);
    }

    @Bean
    Presence presence(
            @Value("${taskmesh.realtime.redis-url:${spring.data.redis.url:redis://127.0.0.1:6379}}") String redisUrl,
            RealtimeProperties properties,
            JdbcTemplate jdbc,
            Clock clock) {
        return new Presence(redisUrl, channel(properties, jdbc), properties.presenceTtl(), clock);
    }

    @Bean
    Subscriptions subscriptions(JsonMapper json, Presence presence, MeterRegistry meters) {
        Subscriptions subscriptions = Subscriptions.create(json, presence);
        Gauge.builder("taskmesh.realtime.connections", subscriptions, Subscriptions::connectionCount)
                .description("Open WebSocket connections on this node")
                .register(meters);
        Gauge.builder("taskmesh.realtime.subscriptions", subscriptions, Subscriptions::subscriptionCount)
                .description("Stream subscriptions on this node")
                .register(meters);
        return subscriptions;
    }

    @Bean
    NodeFeed nodeFeed(
            StreamLog streamLog, Subscriptions subscriptions, RealtimeProperties properties, MeterRegistry meters) {
        return new NodeFeed(streamLog, subscriptions, properties.pollInterval(), meters);
    }

    @Bean
    FrameBus frameBus(
            @Value("${taskmesh.realtime.redis-url:${spring.data.redis.url:redis://127.0.0.1:6379}}") String redisUrl,
            RealtimeProperties properties,
            JdbcTemplate jdbc,
            WakeableEventStore eventStore,
            NodeFeed nodeFeed) {
        return new FrameBus(redisUrl, channel(properties, jdbc), eventStore, nodeFeed);
    }

    /** The Redis key and channel prefix: deployments that share a Redis never hear each other. */
    private static String channel(RealtimeProperties properties, JdbcTemplate jdbc) {
        return properties.channel().isBlank()
                ? "taskmesh:" + jdbc.queryForObject("SELECT current_database()", String.class)
                : properties.channel();
    }

    @Bean
    StreamRelay streamRelay(
            StreamLog streamLog, EventFrames eventFrames, FrameBus frameBus, Clock clock, MeterRegistry meters) {
        return new StreamRelay(streamLog, eventFrames, frameBus, clock, meters);
    }

    /** Inbox changes on user streams (the notifications processor calls it inside its transactions). */
    @Bean
    UserStreamPush inboxPush(StreamLog streamLog, FrameBus frameBus, JsonMapper json, Clock clock) {
        return new UserStreamPush(streamLog, frameBus, json, clock);
    }

    @Bean
    LogRetention logRetention(StreamLog streamLog, RealtimeProperties properties, Clock clock) {
        return new LogRetention(streamLog, properties.retention(), clock);
    }

    /**
     * One segment, so exactly one node relays at a time and positions follow one order; a tracking processor, whose
     * reader wakes the moment the event store is told of a commit (WakeableEventStore), where a pooled one re-checks
     * only every half second when idle. Claims are retried every second, so another node takes over within seconds
     * of the relaying node's death (the token store's claim timeout).
     */
    @Bean
    ConfigurerModule relayProcessor() {
        return configurer -> configurer
                .eventProcessing()
                .registerTrackingEventProcessor(
                        StreamRelay.PROCESSOR,
                        org.axonframework.config.Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(100)
                                .andInitialSegmentsCount(1)
                                .andEventAvailabilityTimeout(1, TimeUnit.SECONDS)
                                .andTokenClaimInterval(1, TimeUnit.SECONDS));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @EnableWebSocket
    static class Endpoint {

        @Bean
        PresenceWatch presenceWatch(Presence presence, Subscriptions subscriptions, JsonMapper json) {
            return new PresenceWatch(presence, subscriptions, json);
        }

        @Bean
        StreamSocketHandler streamSocketHandler(
                Subscriptions subscriptions,
                PresenceWatch presenceWatch,
                StreamLog streamLog,
                StreamAccess access,
                StreamAuthenticator authenticator,
                JsonMapper json,
                RealtimeProperties properties,
                MeterRegistry meters) {
            return new StreamSocketHandler(
                    subscriptions,
                    streamLog,
                    access,
                    authenticator,
                    json,
                    properties,
                    Executors.newVirtualThreadPerTaskExecutor(),
                    presenceWatch,
                    meters);
        }

        @Bean
        WebSocketConfigurer streamEndpoint(
                StreamSocketHandler handler,
                StreamAuthenticator authenticator,
                HandshakeRefusal refusal,
                RealtimeProperties properties) {
            return registry -> registry.addHandler(handler, "/ws")
                    .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new))
                    .addInterceptors(new HandshakeAuthentication(authenticator, refusal));
        }

        /** Tomcat closes a connection whose frame exceeds this with 1009 before our code sees it. */
        @Bean
        ServletServerContainerFactoryBean webSocketContainer(RealtimeProperties properties) {
            ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
            container.setMaxTextMessageBufferSize(
                    (int) properties.maxFrameSize().toBytes());
            container.setMaxBinaryMessageBufferSize(
                    (int) properties.maxFrameSize().toBytes());
            return container;
        }

        @Bean
        ConnectionKeeper connectionKeeper(
                Subscriptions subscriptions,
                StreamAuthenticator authenticator,
                JsonMapper json,
                Clock clock,
                RealtimeProperties properties) {
            return new ConnectionKeeper(subscriptions, authenticator, json, clock, properties.heartbeat());
        }
    }
}
