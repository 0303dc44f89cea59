package dev.taskmesh.realtime.socket;

import dev.taskmesh.realtime.config.RealtimeProperties;
import dev.taskmesh.realtime.socket.StreamAuthenticator.Caller;
import dev.taskmesh.realtime.stream.StoredFrame;
import dev.taskmesh.realtime.stream.StreamLog;
import dev.taskmesh.realtime.stream.StreamName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code taskmesh.v1} protocol on {@code /ws}. The handshake has already authenticated the caller
 * (HandshakeAuthentication); this class answers client frames. A malformed or unknown frame gets an {@code error}
 * frame and the connection keeps being served; only the limits end a connection (too many connections of one user,
 * frames sent on and on past the rate limit), with the close codes of docs/realtime.md. Replays run on threads of
 * their own, at most {@code maxConcurrentReplays} at a time, so a reconnect storm queues instead of taking the
 * request threads and the database.
 */
public class StreamSocketHandler extends TextWebSocketHandler implements SubProtocolCapable {

    public static final String PROTOCOL = "taskmesh.v1";

    private static final Logger logger = LoggerFactory.getLogger(StreamSocketHandler.class);
    private static final String CONNECTION = Connection.class.getName();
    private static final int REPLAY_PAGE = 500;
    private static final int MAX_REF_LENGTH = 64;
    private static final long REPLAY_PATIENCE_MILLIS = 30_000;
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final long BLOCKED_SEND_TIMEOUT_MILLIS = 10_000;
    static final Duration TYPING_INTERVAL = Duration.ofSeconds(1);
    static final Duration TYPING_EXPIRY = Duration.ofSeconds(5);

    private final Subscriptions subscriptions;
    private final StreamLog log;
    private final StreamAccess access;
    private final StreamAuthenticator authenticator;
    private final ServerFrames frames;
    private final JsonMapper json;
    private final RealtimeProperties properties;
    private final Executor writers;
    private final PresenceWatch presence;
    private final Executor replays = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore replayTurns;
    private final Connection.FrameRate frameRate;
    private final Outbox.Meters outboxMeters;
    private final Counter framesIn;
    private final Counter limited;

    public StreamSocketHandler(
            Subscriptions subscriptions,
            StreamLog log,
            StreamAccess access,
            StreamAuthenticator authenticator,
            JsonMapper json,
            RealtimeProperties properties,
            Executor writers,
            PresenceWatch presence,
            MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.log = log;
        this.access = access;
        this.authenticator = authenticator;
        this.frames = new ServerFrames(json);
        this.json = json;
        this.properties = properties;
        this.writers = writers;
        this.presence = presence;
        this.replayTurns = new Semaphore(properties.maxConcurrentReplays(), true);
        this.frameRate = new Connection.FrameRate(properties.framesPerSecond(), properties.frameBurst());
        Gauge.builder("taskmesh.realtime.replays.waiting", replayTurns, Semaphore::getQueueLength)
                .description("Replays waiting for their turn to read the log")
                .register(meters);
        this.limited = Counter.builder("taskmesh.realtime.limited")
                .description("Connections closed with 4429: too many of one user, or too many frames refused")
                .register(meters);
        this.outboxMeters = new Outbox.Meters(
                Timer.builder("taskmesh.realtime.fanout")
                        .description("From this node receiving a frame until it is written to a client's socket")
                        .publishPercentiles(0.5, 0.99)
                        .register(meters),
                Timer.builder("taskmesh.realtime.broadcast")
                        .description("From an event's commit until its frame is written to a client's socket")
                        .publishPercentiles(0.5, 0.99)
                        .register(meters),
                frameCounter(meters, "out", "Frames written to clients"),
                Counter.builder("taskmesh.realtime.slow.consumers")
                        .description("Connections closed with 4408 because their outbox overflowed")
                        .register(meters));
        this.framesIn = frameCounter(meters, "in", "Frames received from clients");
    }

    private static Counter frameCounter(MeterRegistry meters, String direction, String description) {
        return Counter.builder("taskmesh.realtime.frames")
                .tag("direction", direction)
                .description(description)
                .register(meters);
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of(PROTOCOL);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        limitBlockedSends(session);
        Caller caller = (Caller) session.getAttributes().get(HandshakeAuthentication.CALLER);
        Outbox outbox = new Outbox(
                session,
                writers,
                properties.maxQueuedFrames(),
                properties.maxQueuedBytes().toBytes(),
                outboxMeters);
        Connection connection =
                new Connection(session, caller.userId(), caller.expiresAt(), caller.login(), outbox, frameRate);
        session.getAttributes().put(CONNECTION, connection);
        if (subscriptions.open(connection) > properties.maxConnectionsPerUser()) {
            limited.increment();
            outbox.send(frames.error(
                    null,
                    ErrorCode.TOO_MANY_CONNECTIONS,
                    "A user holds at most " + properties.maxConnectionsPerUser() + " connections to one node."));
            outbox.closeAfterQueued(CloseCodes.LIMITED);
        }
    }

    /**
     * A client that stops reading altogether fills its TCP buffers, and the write to it then blocks: its outbox stops
     * growing at the limit (4408), but the close frame cannot reach it either. Tomcat's blocking send gives up after
     * this timeout (20 s by default), which ends such a connection and frees its writer.
     */
    private static void limitBlockedSends(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session container) {
            container.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, BLOCKED_SEND_TIMEOUT_MILLIS);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = (Connection) session.getAttributes().get(CONNECTION);
        if (connection != null) {
            subscriptions.closed(connection);
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        connection(session).heard();
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        framesIn.increment();
        Connection connection = connection(session);
        connection.heard();
        switch (connection.admit()) {
            case ADMITTED -> {}
            case REFUSED -> {
                connection
                        .outbox()
                        .send(frames.error(
                                null,
                                ErrorCode.RATE_LIMITED,
                                "At most " + properties.framesPerSecond()
                                        + " frames per second; this one was dropped."));
                return;
            }
            case REFUSED_TOO_OFTEN -> {
                limited.increment();
                connection.outbox().closeAfterQueued(CloseCodes.LIMITED);
                return;
            }
        }
        JsonNode request;
        try {
            request = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            connection.outbox().send(frames.error(null, ErrorCode.BAD_JSON, "The frame is not valid JSON."));
            return;
        }
        if (!request.isObject()) {
            connection.outbox().send(frames.error(null, ErrorCode.BAD_JSON, "A frame is a JSON object."));
            return;
        }
        JsonNode ref = request.get("ref");
        if (ref != null && !validRef(ref)) {
            connection
                    .outbox()
                    .send(frames.error(
                            null, ErrorCode.BAD_JSON, "ref is a string of up to 64 characters or an integer."));
            return;
        }
        JsonNode type = request.path("type");
        switch (type.isString() ? type.stringValue() : "") {
            case "subscribe" -> subscribe(connection, ref, request);
            case "unsubscribe" -> unsubscribe(connection, ref, request);
            case "ping" -> connection.outbox().send(frames.pong(ref));
            case "auth" -> authenticate(connection, ref, request);
            case "presence" -> subscribed(connection, ref, request).ifPresent(s -> presence.snapshot(s, ref));
            case "typing" -> typing(connection, ref, request);
            default ->
                connection
                        .outbox()
                        .send(frames.error(
                                ref,
                                ErrorCode.UNKNOWN_TYPE,
                                "type must be one of subscribe, unsubscribe, ping, auth, presence, typing."));
        }
    }

    private void subscribe(Connection connection, JsonNode ref, JsonNode request) {
        Optional<StreamName> parsed = streamOf(request);
        if (parsed.isEmpty()) {
            invalidStream(connection, ref);
            return;
        }
        StreamName stream = parsed.get();
        JsonNode sinceNode = request.get("since");
        if (sinceNode != null
                && !sinceNode.isNull()
                && !(sinceNode.isIntegralNumber() && sinceNode.canConvertToLong() && sinceNode.longValue() >= 0)) {
            connection
                    .outbox()
                    .send(frames.error(
                            ref,
                            ErrorCode.INVALID_SINCE,
                            stream,
                            "since is the last position held: an integer of 0 or more."));
            return;
        }
        Long since = sinceNode == null || sinceNode.isNull() ? null : sinceNode.longValue();
        Subscription existing = connection.subscriptions().get(stream.toString());
        if (existing == null && connection.subscriptions().size() >= properties.maxSubscriptions()) {
            connection
                    .outbox()
                    .send(frames.error(
                            ref,
                            ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                            stream,
                            "A connection holds at most " + properties.maxSubscriptions() + " subscriptions."));
            return;
        }
        if (existing != null) {
            subscriptions.remove(existing);
        }
        Subscription subscription = new Subscription(connection, stream, log);
        // registered before the grant is checked and before the head is read: see Subscription and Subscriptions
        connection.subscriptions().put(stream.toString(), subscription);
        subscriptions.add(subscription);
        if (!connection.isOpen()) {
            drop(subscription); // closed meanwhile: afterConnectionClosed may have run before the put
            return;
        }
        Optional<StreamAccess.Grant> grant = access.grant(connection.user(), stream);
        if (grant.isEmpty()) {
            drop(subscription);
            connection
                    .outbox()
                    .send(frames.error(ref, ErrorCode.FORBIDDEN, stream, "No such stream, or you may not follow it."));
            return;
        }
        subscriptions.granted(subscription, grant.get().workspaceId());
        long head = log.head(stream);
        if (since != null && since > head) {
            drop(subscription);
            connection
                    .outbox()
                    .send(frames.error(
                            ref, ErrorCode.INVALID_SINCE, stream, "since is beyond the stream's head, " + head + "."));
            return;
        }
        if (subscription.isRevoked()) {
            return; // the membership ended while this subscribe was checked; the client got membership-revoked
        }
        connection.outbox().send(frames.subscribed(ref, stream, head));
        if (PresenceWatch.hasPresence(stream)) {
            presence.snapshot(subscription, null);
        }
        if (since != null && since < head) {
            replays.execute(() -> replayInTurn(subscription, ref, since, head));
        } else {
            subscription.live(head);
        }
    }

    /** Waits for a turn to read the log, replays, then lets the subscription follow live. */
    private void replayInTurn(Subscription subscription, JsonNode ref, long since, long head) {
        Connection connection = subscription.connection();
        boolean turn = false;
        try {
            replayTurns.acquire();
            turn = true;
            if (!connection.isOpen()) {
                return;
            }
            switch (replay(subscription, ref, since, head)) {
                case SENT -> subscription.live(head);
                case SLOW_CONSUMER -> drop(subscription);
                case SUPERSEDED -> {} // unsubscribed, or subscribed afresh, meanwhile: that one has its own replay
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.outbox().closeAfterQueued(CloseCodes.RESTART);
        } catch (RuntimeException e) {
            logger.warn("Replaying {} failed; the client is asked to come back later", subscription.stream(), e);
            connection.outbox().closeAfterQueued(CloseCodes.TRY_LATER);
        } finally {
            if (turn) {
                replayTurns.release();
            }
        }
    }

    /**
     * A typing signal on a task the connection follows goes to every subscriber of it on every node, at most once a
     * second per stream and connection: more are dropped, the last one still holds.
     */
    private void typing(Connection connection, JsonNode ref, JsonNode request) {
        Optional<Subscription> subscription = subscribed(connection, ref, request);
        if (subscription.isEmpty()) {
            return;
        }
        StreamName stream = subscription.get().stream();
        if (stream.kind() != StreamName.Kind.TASK) {
            connection
                    .outbox()
                    .send(frames.error(ref, ErrorCode.INVALID_STREAM, stream, "Typing is signalled on task streams."));
            return;
        }
        if (subscription.get().typingDue(System.nanoTime(), TYPING_INTERVAL.toNanos())) {
            presence.typed(
                    stream.toString(),
                    connection.user().toString(),
                    Instant.now().plus(TYPING_EXPIRY));
        }
    }

    /** The granted subscription a presence or typing frame names, or an error frame to the client. */
    private Optional<Subscription> subscribed(Connection connection, JsonNode ref, JsonNode request) {
        Optional<StreamName> stream = streamOf(request);
        if (stream.isEmpty()) {
            invalidStream(connection, ref);
            return Optional.empty();
        }
        Subscription subscription = connection.subscriptions().get(stream.get().toString());
        if (subscription == null || !subscription.isGranted() || subscription.isRevoked()) {
            connection
                    .outbox()
                    .send(frames.error(ref, ErrorCode.NOT_SUBSCRIBED, stream.get(), "Subscribe to the stream first."));
            return Optional.empty();
        }
        if (!PresenceWatch.hasPresence(stream.get())) {
            connection
                    .outbox()
                    .send(frames.error(
                            ref,
                            ErrorCode.INVALID_STREAM,
                            stream.get(),
                            "Presence and typing are on workspace and task streams."));
            return Optional.empty();
        }
        return Optional.of(subscription);
    }

    private enum Replayed {
        SENT,
        SLOW_CONSUMER,
        SUPERSEDED
    }

    /**
     * Sends {@code since+1 … head}, or {@code reset} when the log no longer holds {@code since+1}. Stops when the
     * client stopped reading halfway (it is closed as a slow consumer rather than left with a hole), or when the
     * subscription was ended or replaced meanwhile.
     */
    private Replayed replay(Subscription subscription, JsonNode ref, long since, long head)
            throws InterruptedException {
        Connection connection = subscription.connection();
        StreamName stream = subscription.stream();
        long after = since;
        while (after < head) {
            if (connection.subscriptions().get(stream.toString()) != subscription) {
                return Replayed.SUPERSEDED;
            }
            List<StoredFrame> page = log.range(stream, after, head, REPLAY_PAGE);
            if (page.isEmpty() || page.getFirst().position() != after + 1) {
                connection.outbox().send(frames.reset(ref, stream, head));
                return Replayed.SENT;
            }
            for (StoredFrame frame : page) {
                connection.outbox().send(frame.json());
                if (!connection.outbox().awaitRoom(REPLAY_PATIENCE_MILLIS)) {
                    connection.outbox().closeAfterQueued(CloseCodes.SLOW_CONSUMER);
                    return Replayed.SLOW_CONSUMER;
                }
            }
            after = page.getLast().position();
        }
        return Replayed.SENT;
    }

    private void unsubscribe(Connection connection, JsonNode ref, JsonNode request) {
        Optional<StreamName> stream = streamOf(request);
        if (stream.isEmpty()) {
            invalidStream(connection, ref);
            return;
        }
        Subscription subscription =
                connection.subscriptions().remove(stream.get().toString());
        if (subscription != null) {
            subscriptions.remove(subscription);
        }
        connection.outbox().send(frames.unsubscribed(ref, stream.get()));
    }

    /** A fresh token keeps the connection beyond the first token's expiry; it must name the same user. */
    private void authenticate(Connection connection, JsonNode ref, JsonNode request) {
        JsonNode token = request.path("token");
        Optional<Caller> caller = token.isString() ? authenticator.authenticate(token.stringValue()) : Optional.empty();
        if (caller.isEmpty() || !caller.get().userId().equals(connection.user())) {
            connection
                    .outbox()
                    .send(frames.error(
                            ref, ErrorCode.TOKEN_EXPIRED, "The token is invalid, expired or another user's."));
            return;
        }
        connection.renew(caller.get().expiresAt(), caller.get().login());
        connection.outbox().send(frames.authenticated(ref, caller.get().expiresAt()));
    }

    private void drop(Subscription subscription) {
        subscriptions.remove(subscription);
        subscription.connection().subscriptions().remove(subscription.stream().toString(), subscription);
    }

    private void invalidStream(Connection connection, JsonNode ref) {
        connection
                .outbox()
                .send(frames.error(ref, ErrorCode.INVALID_STREAM, "stream is workspace:<id>, task:<id> or user:<id>."));
    }

    private static Optional<StreamName> streamOf(JsonNode request) {
        JsonNode stream = request.path("stream");
        if (!stream.isString()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StreamName.parse(stream.stringValue()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean validRef(JsonNode ref) {
        return (ref.isString() && ref.stringValue().length() <= MAX_REF_LENGTH)
                || (ref.isIntegralNumber() && ref.canConvertToLong());
    }

    private static Connection connection(WebSocketSession session) {
        return (Connection) session.getAttributes().get(CONNECTION);
    }
}
