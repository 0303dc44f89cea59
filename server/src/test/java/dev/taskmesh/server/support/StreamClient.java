package dev.taskmesh.server.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client of the {@code taskmesh.v1} protocol, for tests: it keeps every frame it receives, in order, and
 * offers waits on them (Awaitility), so a test states what a client must eventually have seen.
 */
public final class StreamClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final WebSocket socket;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private int refs;

    private StreamClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        listener.attach(this);
    }

    /** Connects to {@code base}'s /ws offering the token as the {@code bearer.} subprotocol. */
    public static StreamClient connect(String base, String token) {
        return open(URI.create(base.replace("http", "ws") + "/ws"), "taskmesh.v1", "bearer." + token);
    }

    /** The handshake's HTTP status when it is refused, or 101 when it is accepted. */
    public static int handshakeStatus(String base, String query, String... protocols) {
        try (StreamClient client = open(URI.create(base.replace("http", "ws") + "/ws" + query), protocols)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The handshake's status for a browser page served from {@code origin}. */
    public static int handshakeStatusFrom(String base, String token, String origin) {
        try (StreamClient client = open(
                URI.create(base.replace("http", "ws") + "/ws"),
                java.util.Optional.of(origin),
                "taskmesh.v1",
                "bearer." + token)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static StreamClient open(URI uri, String... protocols) {
        return open(uri, java.util.Optional.empty(), protocols);
    }

    private static StreamClient open(URI uri, java.util.Optional<String> origin, String... protocols) {
        Listener listener = new Listener();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        origin.ifPresent(value -> builder.header("Origin", value));
        if (protocols.length > 0) {
            builder.subprotocols(protocols[0], java.util.Arrays.copyOfRange(protocols, 1, protocols.length));
        }
        WebSocket socket = builder.buildAsync(uri, listener).join();
        return new StreamClient(socket, listener);
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends a frame; answers the {@code ref} it was given. */
    public String send(Map<String, Object> frame) {
        String ref = "r" + (++refs);
        var withRef = new java.util.LinkedHashMap<>(frame);
        withRef.put("ref", ref);
        sendRaw(JSON.writeValueAsString(withRef));
        return ref;
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** Subscribes and waits for {@code subscribed}; answers the head it reported. */
    public long subscribe(String stream, Long since) {
        var frame = new java.util.LinkedHashMap<String, Object>(Map.of("type", "subscribe", "stream", stream));
        if (since != null) {
            frame.put("since", since);
        }
        String ref = send(frame);
        return reply(ref, "subscribed").path("position").asLong();
    }

    /** The direct reply to {@code ref}, waited for; fails when it has another type. */
    public JsonNode reply(String ref, String type) {
        JsonNode reply = await().atMost(PATIENCE)
                .until(() -> first(frame -> ref.equals(frame.path("ref").asString(null))), java.util.Objects::nonNull);
        if (!type.equals(reply.path("type").asString())) {
            throw new AssertionError("expected " + type + " for " + ref + " but got " + reply);
        }
        return reply;
    }

    /** Waits until {@code count} event frames of {@code stream} have arrived; answers them, in arrival order. */
    public List<JsonNode> awaitEvents(String stream, int count) {
        await().atMost(PATIENCE).until(() -> events(stream).size() >= count);
        return events(stream);
    }

    public List<JsonNode> events(String stream) {
        return all(frame -> "event".equals(frame.path("type").asString())
                && stream.equals(frame.path("stream").asString()));
    }

    public List<JsonNode> all(Predicate<JsonNode> which) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (which.test(frame)) {
                matching.add(frame);
            }
        }
        return matching;
    }

    public JsonNode awaitFrame(Predicate<JsonNode> which) {
        return await().atMost(PATIENCE).until(() -> first(which), java.util.Objects::nonNull);
    }

    private JsonNode first(Predicate<JsonNode> which) {
        return frames.stream().filter(which).findFirst().orElse(null);
    }

    /** The close code the server sent, waited for. */
    public int awaitClose() {
        return closed.orTimeout(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                .join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private volatile StreamClient client;
        private final List<JsonNode> early = new ArrayList<>();

        void attach(StreamClient attached) {
            synchronized (early) {
                attached.frames.addAll(early);
                early.clear();
                client = attached;
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame = JSON.readTree(partial.toString());
                partial.setLength(0);
                synchronized (early) {
                    if (client == null) {
                        early.add(frame);
                    } else {
                        client.frames.add(frame);
                    }
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            await().atMost(PATIENCE).until(() -> client != null);
            client.closed.complete(statusCode);
            return null;
        }

        /** An error ends the connection like a close without a frame (1006), even one before the client is attached. */
        @Override
        public void onError(WebSocket socket, Throwable error) {
            await().atMost(PATIENCE).until(() -> client != null);
            client.closed.complete(1006);
        }
    }
}
