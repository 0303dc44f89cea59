package dev.taskmesh.bench.ws;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client: a WebSocket subscribed to one stream. It checks that the stream's positions step by one from the head
 * the subscription confirmed (or from the position it resumed at), and counts the TaskCreated frames of the measured
 * writes (those whose correlation id starts with the run's prefix). A client whose socket died is resumed by a new
 * one ({@link #resume}) that subscribes with {@code since} its last position, as the protocol tells clients to, and
 * notes when it has every measured frame it was told to expect. The JDK calls a listener's methods one at a time, so
 * its state needs no locks; what the fleet reads is volatile.
 */
final class WsConnection implements WebSocket.Listener {

    static final String PROTOCOL = "taskmesh.v1";
    private static final Runnable GONE = () -> {};

    private final String stream;
    private final String measuredPrefix;
    private final FrameCounters counters;
    /** null for a client resumed in a reconnect storm: its frames are timed from the reconnect, not their writes */
    private final WriteTimings timings;
    /** the position subscribed from, or -1 for a live subscription */
    private final long since;
    /** how many measured frames make this client caught up (set before it connects) */
    private final long target;

    private final CompletableFuture<Long> subscribed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private boolean confirmed;

    /** the last position seen on the stream; -1 until a live subscription is confirmed; read by the next client */
    private volatile long last;
    /** written by the listener only, read by the fleet */
    private volatile long measured;

    /** the position the first client of this line of resumed clients subscribed at: what it has seen starts here */
    private volatile long origin;

    /** run once when the socket closes or fails ({@link #whenGone}); GONE once that has happened */
    private final AtomicReference<Runnable> gone = new AtomicReference<>();

    private volatile long caughtUpNanos;
    private volatile boolean closed;
    private volatile WebSocket socket;

    WsConnection(String stream, String measuredPrefix, FrameCounters counters, WriteTimings timings) {
        this(stream, measuredPrefix, counters, timings, -1, Long.MAX_VALUE);
    }

    private WsConnection(
            String stream,
            String measuredPrefix,
            FrameCounters counters,
            WriteTimings timings,
            long since,
            long target) {
        this.stream = stream;
        this.measuredPrefix = measuredPrefix;
        this.counters = counters;
        this.timings = timings;
        this.since = since;
        this.target = target;
        this.last = since;
        this.origin = since;
    }

    /**
     * The client that takes over from {@code dead}: it subscribes with {@code since} the last position {@code dead}
     * saw and is caught up once it has {@code target} measured frames.
     */
    static WsConnection resume(WsConnection dead, long target) {
        WsConnection next = new WsConnection(dead.stream, dead.measuredPrefix, dead.counters, null, dead.last, target);
        next.origin = dead.origin;
        return next;
    }

    /**
     * The client that takes over from {@code dead} while following its stream: the same counts and timings, so that
     * a frame replayed after the reconnect is counted once and timed from its write's response like any other.
     */
    static WsConnection follow(WsConnection dead) {
        WsConnection next = new WsConnection(
                dead.stream, dead.measuredPrefix, dead.counters, dead.timings, dead.last, Long.MAX_VALUE);
        next.origin = dead.origin;
        next.measured = dead.measured;
        return next;
    }

    /** The last position this client has seen on its stream, every one before it since {@link #origin} included. */
    long last() {
        return last;
    }

    long origin() {
        return origin;
    }

    /**
     * Runs {@code action} once this client's socket is closed or has failed (at once if it already has): a client
     * that follows its stream through faults reconnects from there.
     */
    void whenGone(Runnable action) {
        if (!gone.compareAndSet(null, action)) {
            action.run();
        }
    }

    private void fireGone() {
        Runnable action = gone.getAndSet(GONE);
        if (action != null && action != GONE) {
            action.run();
        }
    }

    /** When this client had every measured frame it was told to expect (System.nanoTime), or 0 if not yet. */
    long caughtUpNanos() {
        return caughtUpNanos;
    }

    String stream() {
        return stream;
    }

    /** TaskCreated frames of measured writes, each counted once. */
    long measured() {
        return measured;
    }

    boolean closed() {
        return closed;
    }

    /** Sends the subscription; completes with this connection once the server confirms it, or fails after timeout. */
    CompletableFuture<WsConnection> subscribe(WebSocket webSocket, Duration timeout) {
        socket = webSocket;
        if (!PROTOCOL.equals(webSocket.getSubprotocol())) {
            webSocket.abort();
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the server selected subprotocol '" + webSocket.getSubprotocol() + "', not " + PROTOCOL));
        }
        String from = since < 0 ? "" : ",\"since\":" + since;
        webSocket
                .sendText("{\"type\":\"subscribe\",\"ref\":\"s1\",\"stream\":\"" + stream + "\"" + from + "}", true)
                .exceptionally(failure -> {
                    subscribed.completeExceptionally(failure);
                    return null;
                });
        return subscribed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).thenApply(head -> this);
    }

    /** Starts a normal close; the process ends soon after, so nobody waits for the server's answer. */
    CompletableFuture<?> close() {
        WebSocket webSocket = socket;
        if (webSocket == null || closed) {
            return CompletableFuture.completedFuture(null);
        }
        return webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(failure -> null);
    }

    void abort() {
        WebSocket webSocket = socket;
        if (webSocket != null) {
            webSocket.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean lastPart) {
        // a large frame can come in parts: only the whole message is JSON
        if (!lastPart) {
            partial.append(data);
            webSocket.request(1);
            return null;
        }
        long receivedMicros = EpochMicros.now();
        String text;
        if (partial.isEmpty()) {
            text = data.toString();
        } else {
            text = partial.append(data).toString();
            partial.setLength(0);
        }
        try {
            handle(Frame.parse(text), receivedMicros);
        } catch (RuntimeException e) {
            counters.badFrames.increment();
        }
        // the text was copied above, so the JDK may reuse its buffer at once (null) and send the next message
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean lastPart) {
        counters.badFrames.increment();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        counters.closed(statusCode);
        subscribed.completeExceptionally(
                new IllegalStateException("closed by the server: " + statusCode + " " + reason));
        fireGone();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
        counters.socketErrors.increment();
        subscribed.completeExceptionally(error);
        fireGone();
    }

    private void handle(Frame frame, long receivedMicros) {
        switch (frame.type() == null ? "" : frame.type()) {
            case "event" -> event(frame, receivedMicros);
            case "subscribed" -> {
                if (stream.equals(frame.stream()) && frame.position() >= Math.max(since, 0) && !confirmed) {
                    confirmed = true;
                    // a live subscription starts at the head; a resumed one keeps its position and gets the rest
                    if (since < 0) {
                        last = frame.position();
                        origin = last;
                    }
                    if (target == 0) {
                        caughtUpNanos = System.nanoTime();
                    }
                    subscribed.complete(frame.position());
                } else {
                    counters.badFrames.increment();
                }
            }
            case "reset" -> {
                // the server tells the client to start over from a position: the check follows it
                counters.resets.increment();
                last = frame.position();
            }
            case "error" -> {
                counters.errorFrames.increment();
                if ("bus-unavailable".equals(frame.code())) {
                    counters.busUnavailable.increment();
                }
                subscribed.completeExceptionally(new IllegalStateException(
                        "error frame " + frame.code() + " (ref " + frame.ref() + "): " + frame.message()));
            }
            case "pong" -> {
                // an answer to a ping; this client sends none
            }
            case "presence", "typing" -> {
                // who else follows the stream: not part of what this client checks
            }
            default -> counters.badFrames.increment();
        }
    }

    private void event(Frame frame, long receivedMicros) {
        if (!confirmed || !stream.equals(frame.stream())) {
            counters.early.increment();
            return;
        }
        long position = frame.position();
        if (position <= last) {
            counters.duplicates.increment();
            return;
        }
        if (position > last + 1) {
            counters.holes.increment();
        }
        last = position;
        counters.events.increment();
        String correlationId = frame.correlationId();
        if ("TaskCreated".equals(frame.eventType())
                && correlationId != null
                && correlationId.startsWith(measuredPrefix)) {
            measured++;
            if (timings != null) {
                timings.frame(correlationId, receivedMicros);
            }
            if (measured == target) {
                caughtUpNanos = System.nanoTime();
            }
        }
    }
}
