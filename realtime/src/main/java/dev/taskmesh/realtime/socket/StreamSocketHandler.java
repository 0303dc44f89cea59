package dev.taskmesh.realtime.socket;

import dev.taskmesh.realtime.config.RealtimeProperties;
import dev.taskmesh.realtime.socket.StreamAuthenticator.Caller;
import dev.taskmesh.realtime.stream.StoredFrame;
import dev.taskmesh.realtime.stream.StreamLog;
import dev.taskmesh.realtime.stream.StreamName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
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
 * (HandshakeAuthentication); this class answers client frames. Nothing a client sends ends its connection: a
 * malformed or unknown frame gets an {@code error} frame and the connection keeps being served.
 */
public class StreamSocketHandler extends TextWebSocketHandler implements SubProtocolCapable {

    public static final String PROTOCOL = "taskmesh.v1";

    private static final String CONNECTION = Connection.class.getName();
    private static final int REPLAY_PAGE = 500;
    private static final int MAX_REF_LENGTH = 64;
    private static final long REPLAY_PATIENCE_MILLIS = 30_000;
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final long BLOCKED_SEND_TIMEOUT_MILLIS = 10_000;

    private final Subscriptions subscriptions;
    private final StreamLog log;
    private final StreamAccess access;
    private final StreamAuthenticator authenticator;
    private final ServerFrames frames;
    private final JsonMapper json;
    private final RealtimeProperties properties;
    private final Executor writers;
    private final Timer fanout;
    private final Counter slowConsumers;

    public StreamSocketHandler(
            Subscriptions subscriptions,
            StreamLog log,
            StreamAccess access,
            StreamAuthenticator authenticator,
            JsonMapper json,
            RealtimeProperties properties,
            Executor writers,
            MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.log = log;
        this.access = access;
        this.authenticator = authenticator;
        this.frames = new ServerFrames(json);
        this.json = json;
        this.properties = properties;
        this.writers = writers;
        this.fanout = Timer.builder("taskmesh.realtime.fanout")
                .description("From this node receiving a frame until it is written to a client's socket")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.slowConsumers = Counter.builder("taskmesh.realtime.slow.consumers")
                .description("Connections closed with 4408 because their outbox overflowed")
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
        Outbox outbox = new Outbox(session, writers, properties.maxQueuedFrames(), fanout, slowConsumers);
        Connection connection = new Connection(session, caller.userId(), caller.expiresAt(), outbox);
        session.getAttributes().put(CONNECTION, connection);
        subscriptions.open(connection);
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
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws InterruptedException {
        Connection connection = connection(session);
        connection.heard();
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
            case "typing", "presence" ->
                connection
                        .outbox()
                        .send(frames.error(
                                ref, ErrorCode.UNKNOWN_TYPE, type.stringValue() + " is reserved and not served yet."));
            default ->
                connection
                        .outbox()
                        .send(frames.error(
                                ref,
                                ErrorCode.UNKNOWN_TYPE,
                                "type must be one of subscribe, unsubscribe, ping, auth."));
        }
    }

    private void subscribe(Connection connection, JsonNode ref, JsonNode request) throws InterruptedException {
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
        subscription.granted(grant.get().workspaceId());
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
        if (since != null && since < head && !replay(connection, ref, stream, since, head)) {
            drop(subscription);
            return;
        }
        subscription.live(head);
    }

    /**
     * Sends {@code since+1 … head}, or {@code reset} when the log no longer holds {@code since+1}. False when the
     * client stopped reading halfway: it is closed as a slow consumer rather than left with a hole.
     */
    private boolean replay(Connection connection, JsonNode ref, StreamName stream, long since, long head)
            throws InterruptedException {
        long after = since;
        while (after < head) {
            List<StoredFrame> page = log.range(stream, after, head, REPLAY_PAGE);
            if (page.isEmpty() || page.getFirst().position() != after + 1) {
                connection.outbox().send(frames.reset(ref, stream, head));
                return true;
            }
            page.forEach(frame -> connection.outbox().send(frame.json()));
            after = page.getLast().position();
            if (!connection.outbox().awaitBelow(properties.maxQueuedFrames() / 2, REPLAY_PATIENCE_MILLIS)) {
                connection.outbox().closeAfterQueued(CloseCodes.SLOW_CONSUMER);
                return false;
            }
        }
        return true;
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
        connection.renew(caller.get().expiresAt());
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
