package dev.taskmesh.bench.ws;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The connections of one process. They are opened with at most {@value #IN_FLIGHT} handshakes (and subscriptions) in
 * flight, so that the server sees a steady ramp rather than a thousand simultaneous upgrades; a connection that
 * cannot be opened is retried, then counted as a failure. One HttpClient per {@value #PER_ADDRESS} connections, each
 * bound to its own loopback source address: a source address has some 28,000 ephemeral ports towards one server
 * port, and each client has its own selector thread.
 */
public final class WsFleet implements AutoCloseable {

    /** Per process, well under the 20,000 open files a process may hold: one per socket, and the JVM's own. */
    public static final int MAX_CONNECTIONS = 8_000;

    static final int PER_ADDRESS = 250;
    static final int IN_FLIGHT = 200;
    private static final int ATTEMPTS = 3;
    /** a storm's clients keep trying longer: a node taking thousands of handshakes at once refuses some for a while */
    private static final int STORM_ATTEMPTS = 6;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

    private final GeneratorConfig config;
    private final FrameCounters counters = new FrameCounters();
    private final WriteTimings timings = new WriteTimings();
    /** the subscribed client of each target, by the target's index (null where it failed) */
    private final WsConnection[] byTarget;

    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connectFailures = new AtomicInteger();
    private final AtomicInteger subscribeFailures = new AtomicInteger();
    // listeners never block, so virtual threads serve thousands of connections without a pool to size
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<HttpClient> clients = new ArrayList<>();

    /** while on, a client whose socket goes reconnects by itself (see {@link #follow}) */
    private volatile boolean following;
    /** per target, the node (index into the urls) its client is on or is trying next */
    private final int[] nodeOf;

    private final AtomicLong reconnects = new AtomicLong();

    public WsFleet(GeneratorConfig config) {
        if (config.connections().size() > MAX_CONNECTIONS) {
            throw new IllegalArgumentException(
                    config.connections().size() + " connections asked of one process; at most " + MAX_CONNECTIONS);
        }
        this.config = config;
        this.byTarget = new WsConnection[config.connections().size()];
        this.nodeOf = config.connections().stream()
                .mapToInt(GeneratorConfig.Target::url)
                .toArray();
        int addresses = (config.connections().size() + PER_ADDRESS - 1) / PER_ADDRESS;
        for (int a = 0; a < addresses; a++) {
            clients.add(HttpClient.newBuilder()
                    .localAddress(sourceAddress(config.process() * (MAX_CONNECTIONS / PER_ADDRESS) + a))
                    .connectTimeout(CONNECT_TIMEOUT)
                    .executor(executor)
                    .build());
        }
    }

    /** Loopback address number {@code index}: 127.0.1.1, 127.0.1.2, … 127.0.1.250, 127.0.2.1, … */
    static InetAddress sourceAddress(int index) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + index / 250), (byte) (1 + index % 250)});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Opens and subscribes every connection; returns when each has been subscribed or has failed. */
    public FleetStatus open() throws InterruptedException {
        long start = System.nanoTime();
        List<GeneratorConfig.Target> targets = config.connections();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            GeneratorConfig.Target target = targets.get(i);
            HttpClient client = clients.get(i / PER_ADDRESS);
            URI uri = URI.create(config.urls().get(target.url()));
            String token = config.tokens().get(target.token());
            inFlight.acquire();
            int index = i;
            Supplier<WsConnection> fresh =
                    () -> new WsConnection(target.stream(), config.measuredPrefix(), counters, timings);
            connect(client, uri, token, fresh, 1, ATTEMPTS)
                    .thenCompose(opened -> opened.connection().subscribe(opened.socket(), SUBSCRIBE_TIMEOUT))
                    .whenComplete((connection, failure) -> {
                        if (failure == null) {
                            byTarget[index] = connection;
                        } else {
                            countFailure(failure, connectFailures, subscribeFailures, failures, uri, target.stream());
                        }
                        inFlight.release();
                        done.countDown();
                    });
        }
        done.await();
        return new FleetStatus(
                targets.size(),
                current().size(),
                connectFailures.get(),
                subscribeFailures.get(),
                Math.round((System.nanoTime() - start) / 1e7) / 100.0,
                List.copyOf(failures));
    }

    /**
     * A reconnect storm: every subscribed client whose socket died (its node was killed) reconnects at once to node
     * {@code url}, subscribing with {@code since} its last position, as the protocol tells clients to. Returns when
     * each has every frame {@code expected} of its stream, has failed, or {@code patience} has run out. A socket not
     * yet seen closed is aborted first: the storm is about clients that have lost their node.
     */
    public StormReport reconnect(int url, Map<String, Long> expected, Duration patience) throws InterruptedException {
        long duplicates = counters.duplicates.sum();
        long holes = counters.holes.sum();
        long resets = counters.resets.sum();
        long errorFrames = counters.errorFrames.sum();
        int asked = (int) Arrays.stream(byTarget).filter(Objects::nonNull).count();
        int stillOpen = 0;
        for (WsConnection dead : byTarget) {
            if (dead != null && !dead.closed()) {
                stillOpen++;
                dead.abort();
            }
        }
        URI uri = URI.create(config.urls().get(url));
        List<WsConnection> resumed = Collections.synchronizedList(new ArrayList<>());
        List<String> stormFailures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger connectFailed = new AtomicInteger();
        AtomicInteger subscribeFailed = new AtomicInteger();
        Recorder toSubscribed = new Recorder(3);
        CountDownLatch settled = new CountDownLatch(byTarget.length);
        long start = System.nanoTime();
        for (int i = 0; i < byTarget.length; i++) {
            WsConnection dead = byTarget[i];
            if (dead == null) {
                settled.countDown();
                continue;
            }
            String token = config.tokens().get(config.connections().get(i).token());
            int index = i;
            Supplier<WsConnection> next = () -> WsConnection.resume(dead, expected.getOrDefault(dead.stream(), 0L));
            connect(clients.get(i / PER_ADDRESS), uri, token, next, 1, STORM_ATTEMPTS)
                    .thenCompose(opened -> opened.connection().subscribe(opened.socket(), patience))
                    .whenComplete((connection, failure) -> {
                        if (failure == null) {
                            toSubscribed.recordValue((System.nanoTime() - start) / 1_000);
                            resumed.add(connection);
                            byTarget[index] = connection;
                        } else {
                            countFailure(failure, connectFailed, subscribeFailed, stormFailures, uri, dead.stream());
                        }
                        settled.countDown();
                    });
        }
        settled.await(patience.toNanos(), TimeUnit.NANOSECONDS);
        List<WsConnection> clientsNow = List.copyOf(resumed);
        // only ends the wait: each client noted its own time when its last frame came
        awaitArrival(() -> clientsNow, expected, start + patience.toNanos());
        Histogram toCaughtUp = new Histogram(3);
        long expectedTotal = 0;
        long delivered = 0;
        int caughtUp = 0;
        int closedEarly = 0;
        for (WsConnection connection : clientsNow) {
            long want = expected.getOrDefault(connection.stream(), 0L);
            expectedTotal += want;
            delivered += Math.min(connection.measured(), want);
            if (connection.caughtUpNanos() != 0) {
                caughtUp++;
                toCaughtUp.recordValue((connection.caughtUpNanos() - start) / 1_000);
            } else if (connection.closed()) {
                closedEarly++;
            }
        }
        return new StormReport(
                asked,
                stillOpen,
                clientsNow.size(),
                connectFailed.get(),
                subscribeFailed.get(),
                caughtUp,
                expectedTotal,
                delivered,
                counters.duplicates.sum() - duplicates,
                counters.holes.sum() - holes,
                counters.resets.sum() - resets,
                counters.errorFrames.sum() - errorFrames,
                closedEarly,
                List.copyOf(stormFailures),
                GeneratorReport.encode(toSubscribed.getIntervalHistogram()),
                GeneratorReport.encode(toCaughtUp));
    }

    /**
     * From now on every subscribed client follows its stream through whatever happens to the nodes, Redis or the
     * database, as the protocol tells a client to: when its socket closes or fails it reconnects, to the next node of
     * the urls in turn, and subscribes with {@code since} its last position; a failed attempt is retried after a
     * backoff (a quarter second more each time, two seconds at most), for as long as following lasts.
     */
    public void follow() {
        following = true;
        for (int i = 0; i < byTarget.length; i++) {
            if (byTarget[i] != null) {
                keepFollowing(i, byTarget[i]);
            }
        }
    }

    /**
     * Waits (at most {@code patience}) until every following client has reached the head of its stream, stops
     * following, and reports what the clients saw against those heads.
     *
     * @param heads per stream, its last position once every write has been relayed
     */
    public FollowReport settle(Map<String, Long> heads, Duration patience) throws InterruptedException {
        // the wait may also be for a reconnect's backoff
        awaitUntil(() -> allAtHead(heads), System.nanoTime() + patience.toNanos());
        following = false;
        int clientCount = 0;
        int atHead = 0;
        int disconnected = 0;
        long expected = 0;
        long missing = 0;
        long beyond = 0;
        for (WsConnection client : byTarget) {
            if (client == null) {
                continue;
            }
            clientCount++;
            long head = heads.getOrDefault(client.stream(), 0L);
            expected += Math.max(0, head - client.origin());
            missing += Math.max(0, head - client.last());
            beyond += Math.max(0, client.last() - head);
            atHead += client.last() >= head ? 1 : 0;
            disconnected += client.closed() ? 1 : 0;
        }
        return new FollowReport(
                clientCount,
                atHead,
                expected,
                counters.events.sum(),
                missing,
                beyond,
                counters.duplicates.sum(),
                counters.holes.sum(),
                counters.resets.sum(),
                reconnects.get(),
                counters.busUnavailable.sum(),
                counters.errorFrames.sum() - counters.busUnavailable.sum(),
                disconnected,
                closes(),
                List.copyOf(failures));
    }

    /** Each target's client now (the last one subscribed), leaving out targets that never got one. */
    private List<WsConnection> current() {
        return Arrays.stream(byTarget).filter(Objects::nonNull).toList();
    }

    private Map<Integer, Long> closes() {
        Map<Integer, Long> closes = new java.util.TreeMap<>();
        counters.closes.forEach((code, count) -> closes.put(code, count.sum()));
        return closes;
    }

    private boolean allAtHead(Map<String, Long> heads) {
        for (WsConnection client : byTarget) {
            if (client != null && client.last() < heads.getOrDefault(client.stream(), 0L)) {
                return false;
            }
        }
        return true;
    }

    private void keepFollowing(int index, WsConnection connection) {
        connection.whenGone(() -> {
            if (following) {
                resume(index, connection, 1);
            }
        });
    }

    /** One attempt to replace {@code dead}, the last client of target {@code index} that was subscribed. */
    private void resume(int index, WsConnection dead, int attempt) {
        if (!following) {
            return;
        }
        int node = (nodeOf[index] + 1) % config.urls().size();
        nodeOf[index] = node;
        URI uri = URI.create(config.urls().get(node));
        String token = config.tokens().get(config.connections().get(index).token());
        AtomicReference<WsConnection> next = new AtomicReference<>();
        Supplier<WsConnection> fresh = () -> {
            next.set(WsConnection.follow(dead));
            return next.get();
        };
        connect(clients.get(index / PER_ADDRESS), uri, token, fresh, 1, 1)
                .thenCompose(opened -> opened.connection().subscribe(opened.socket(), SUBSCRIBE_TIMEOUT))
                .whenComplete((connection, failure) -> {
                    if (failure == null) {
                        byTarget[index] = connection;
                        reconnects.incrementAndGet();
                        keepFollowing(index, connection);
                        return;
                    }
                    // a socket that opened but got no subscription must not go on receiving beside the next one
                    if (next.get() != null) {
                        next.get().abort();
                    }
                    if (failures.size() < 5) {
                        failures.add("resume " + uri + " " + dead.stream() + ": " + failure);
                    }
                    CompletableFuture.delayedExecutor(Math.min(2_000, 250L * attempt), TimeUnit.MILLISECONDS, executor)
                            .execute(() -> resume(index, dead, attempt + 1));
                });
    }

    public WriteTimings timings() {
        return timings;
    }

    /** Event frames received so far, warm-up included: proof that the server delivers at all. */
    public long events() {
        return counters.events.sum();
    }

    /**
     * Waits (at most {@code drain}) until every subscribed connection has the frames expected of its stream, then
     * closes them and reports.
     *
     * @param expected per stream, the measured writes the server accepted
     */
    public GeneratorReport finish(Map<String, Long> expected, Duration drain) throws InterruptedException {
        // the clients of now: a client following its stream may have been replaced by its resumed successor
        awaitArrival(this::current, expected, System.nanoTime() + drain.toNanos());
        List<WsConnection> subscribed = current();
        long expectedTotal = 0;
        long delivered = 0;
        long missing = 0;
        long extra = 0;
        int closedEarly = 0;
        for (WsConnection connection : subscribed) {
            long want = expected.getOrDefault(connection.stream(), 0L);
            long got = connection.measured();
            expectedTotal += want;
            delivered += Math.min(got, want);
            missing += Math.max(0, want - got);
            extra += Math.max(0, got - want);
            closedEarly += connection.closed() ? 1 : 0;
        }
        return new GeneratorReport(
                expectedTotal,
                delivered,
                missing,
                extra,
                counters.duplicates.sum(),
                counters.holes.sum(),
                counters.resets.sum(),
                counters.early.sum(),
                counters.events.sum(),
                counters.errorFrames.sum(),
                counters.badFrames.sum(),
                counters.socketErrors.sum(),
                closedEarly,
                timings.unmatched(),
                reconnects.get(),
                GeneratorReport.encode(timings.fromResponse()),
                GeneratorReport.encode(timings.fromSend()));
    }

    /** Closes every connection (a second for the close handshakes, then aborts) and the clients. */
    @Override
    public void close() {
        following = false;
        List<WsConnection> open = current();
        try {
            CompletableFuture.allOf(open.stream().map(WsConnection::close).toArray(CompletableFuture[]::new))
                    .get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is a courtesy to the server; what did not close in time is aborted below
        }
        open.forEach(WsConnection::abort);
        clients.forEach(HttpClient::shutdownNow);
        executor.shutdownNow();
    }

    /**
     * Waits until every open client has the frames expected of its stream, or until {@code deadlineNanos}. The last
     * frames are milliseconds away: a 20 ms probe costs nothing next to the wait.
     */
    private static void awaitArrival(
            Supplier<List<WsConnection>> clients, Map<String, Long> expected, long deadlineNanos)
            throws InterruptedException {
        awaitUntil(() -> allArrived(clients.get(), expected), deadlineNanos);
    }

    /** Probes {@code done} every 20 ms until it holds or {@code deadlineNanos} has passed. */
    private static void awaitUntil(java.util.function.BooleanSupplier done, long deadlineNanos)
            throws InterruptedException {
        while (System.nanoTime() < deadlineNanos && !done.getAsBoolean()) {
            Thread.sleep(20);
        }
    }

    private static boolean allArrived(List<WsConnection> subscribed, Map<String, Long> expected) {
        for (WsConnection connection : subscribed) {
            if (!connection.closed() && connection.measured() < expected.getOrDefault(connection.stream(), 0L)) {
                return false;
            }
        }
        return true;
    }

    private CompletableFuture<Opened> connect(
            HttpClient client, URI uri, String token, Supplier<WsConnection> fresh, int attempt, int attempts) {
        WsConnection connection = fresh.get();
        return client.newWebSocketBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .subprotocols(WsConnection.PROTOCOL, "bearer." + token)
                .buildAsync(uri, connection)
                .thenApply(socket -> new Opened(connection, socket))
                .exceptionallyCompose(failure -> {
                    if (attempt >= attempts) {
                        return CompletableFuture.failedFuture(new ConnectFailure(failure));
                    }
                    // a refused or timed-out handshake under a ramp is often transient: back off, try again
                    return CompletableFuture.runAsync(
                                    () -> {},
                                    CompletableFuture.delayedExecutor(500L * attempt, TimeUnit.MILLISECONDS, executor))
                            .thenCompose(ignored -> connect(client, uri, token, fresh, attempt + 1, attempts));
                });
    }

    /** Counts a client that could not connect, or connected but got no subscription, and keeps a few examples. */
    private static void countFailure(
            Throwable failure,
            AtomicInteger connectFailures,
            AtomicInteger subscribeFailures,
            List<String> examples,
            URI uri,
            String stream) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        (cause instanceof ConnectFailure ? connectFailures : subscribeFailures).incrementAndGet();
        if (examples.size() < 5) {
            examples.add(uri + " " + stream + ": " + cause);
        }
    }

    private record Opened(WsConnection connection, WebSocket socket) {}

    /** A connection that could not be opened, as opposed to one the server would not subscribe. */
    private static final class ConnectFailure extends RuntimeException {
        ConnectFailure(Throwable cause) {
            super(cause instanceof CompletionException ? String.valueOf(cause.getCause()) : String.valueOf(cause));
        }
    }
}
