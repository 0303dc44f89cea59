package dev.taskmesh.server.rebuild;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskmesh.query.config.Rebuildable;
import dev.taskmesh.server.config.AxonStorageConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One rebuild of one read model. A streaming processor of its own ({@code <group>@rebuild}, one reader and several
 * workers, each a segment of the read model's sequences) replays every event into shadow copies of the tables, through a small
 * connection pool whose search path puts the shadow schema first, so the projection's own handlers write there; the
 * live processor and the live tables go on serving meanwhile. Once the replay is within {@link #CATCH_UP} events of
 * the head, the copies' other indexes are built and the copies analysed (ShadowTables), and the replay catches up
 * again. Then one transaction locks the live tables (reads and the live processor wait, for about a second), lets
 * the replay reach the live processor's position, stops it and swaps the tables; the live processor goes on from its
 * own position. Handlers are idempotent (rows keep the version they reflect), so it re-applies what the replay had
 * already done beyond that position without harm.
 */
final class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    static final long CATCH_UP = 200;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration SWITCH_PATIENCE = Duration.ofSeconds(30);
    private static final Duration ERROR_PATIENCE = Duration.ofSeconds(30);

    private final Rebuildable projection;
    private final HikariDataSource live;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final Serializer serializer;
    private final BulkPass bulk;
    private final Clock clock;
    private final String rebuildName;
    private final int threads;

    ProjectionRebuild(
            Rebuildable projection,
            HikariDataSource live,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            StreamableMessageSource<TrackedEventMessage<?>> events,
            Serializer serializer,
            BulkPass bulk,
            Clock clock,
            int threads) {
        this.threads = threads;
        this.projection = projection;
        this.live = live;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.serializer = serializer;
        this.bulk = bulk;
        this.clock = clock;
        this.rebuildName = projection.processingGroup() + "@rebuild";
    }

    /** Runs the rebuild to its end, telling {@code progress} as it goes; answers the last progress. */
    RebuildProgress run(Consumer<RebuildProgress> progress) {
        RebuildProgress state = RebuildProgress.started(projection.processingGroup(), clock.instant());
        progress.accept(state);
        ShadowTables shadow = new ShadowTables(jdbc, projection.processingGroup(), projection.tables());
        try (HikariDataSource shadowPool = shadowPool(shadow.schema())) {
            shadow.create();
            projection.prepare(JdbcClient.create(shadowPool));
            jdbc.sql("DELETE FROM token_entry WHERE processor_name = :name")
                    .param("name", rebuildName)
                    .update();
            TrackingToken replayFrom = !projection.bulkFolds().isEmpty() ? bulkPass(shadowPool, state, progress) : null;
            ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(named("coordinator"));
            ScheduledExecutorService workers = Executors.newScheduledThreadPool(threads, named("worker"));
            PooledStreamingEventProcessor replay = replay(shadowPool, replayFrom, reader, workers);
            replay.start();
            try {
                long phase = clock.millis();
                state = replayUntilCaughtUp(replay, state, progress);
                phase = logged("replay", phase);
                state = state.in(RebuildProgress.State.INDEXING, clock.instant());
                progress.accept(state);
                shadow.completeIndexes(threads);
                phase = logged("indexes", phase);
                state = replayUntilCaughtUp(replay, state, progress);
                phase = logged("catch-up", phase);
                state = state.in(RebuildProgress.State.SWITCHING, clock.instant());
                progress.accept(state);
                switchOver(replay, shadow);
                logged("switch", phase);
            } finally {
                replay.shutDown();
                // the processor stops its work, not the threads it was given: without this, each rebuild left its
                // reader and workers parked for the life of the node
                reader.shutdownNow();
                workers.shutdownNow();
            }
            long head = head();
            double seconds = Math.max(
                            1,
                            Duration.between(state.startedAt(), clock.instant()).toMillis())
                    / 1000.0;
            // the rate of the whole rebuild, indexing and switching included
            state = state.replaying(head, head, head / seconds).in(RebuildProgress.State.DONE, clock.instant());
        } catch (RuntimeException e) {
            log.error(
                    "Rebuilding {} failed; its copies are dropped and the live tables stay as they were",
                    projection.processingGroup(),
                    e);
            shadow.drop();
            state = state.failed(e.getMessage(), clock.instant());
        } finally {
            jdbc.sql("DELETE FROM token_entry WHERE processor_name = :name")
                    .param("name", rebuildName)
                    .update();
        }
        progress.accept(state);
        return state;
    }

    /**
     * Folds every event of the store into the copies (BulkPass), telling the events read as done; answers where the
     * replay goes on from.
     */
    private TrackingToken bulkPass(
            HikariDataSource shadowPool, RebuildProgress state, Consumer<RebuildProgress> progress) {
        long total = head();
        long start = clock.millis();
        BulkPass.Outcome folded = bulk.run(projection.bulkFolds(), shadowPool, events -> {
            double seconds = Math.max(1, clock.millis() - start) / 1000.0;
            progress.accept(state.replaying(Math.min(events, total), total, events / seconds));
        });
        log.info(
                "Rebuilding {}: {} events folded in bulk in {} ms",
                projection.processingGroup(),
                folded.events(),
                clock.millis() - start);
        return folded.replayFrom();
    }

    /** Logs how long a step of the rebuild took, for operators sizing theirs; answers the step's end. */
    private long logged(String step, long since) {
        long now = clock.millis();
        log.info("Rebuilding {}: {} took {} ms", projection.processingGroup(), step, now - since);
        return now;
    }

    private RebuildProgress replayUntilCaughtUp(
            PooledStreamingEventProcessor replay, RebuildProgress state, Consumer<RebuildProgress> progress) {
        Deque<long[]> window = new ArrayDeque<>();
        long erringSince = 0;
        while (true) {
            sleep(POLL);
            long done = position(replay).orElse(0);
            long head = head();
            long now = clock.millis();
            window.addLast(new long[] {now, done});
            while (window.size() > 2 && now - window.peekFirst()[0] > 5_000) {
                window.removeFirst();
            }
            long[] first = window.peekFirst();
            double rate = now > first[0] ? (done - first[1]) * 1000.0 / (now - first[0]) : 0;
            state = state.replaying(done, head, rate);
            progress.accept(state);
            if (replay.isError()) {
                erringSince = erringSince == 0 ? now : erringSince;
                if (now - erringSince > ERROR_PATIENCE.toMillis()) {
                    throw new IllegalStateException("the replay keeps failing; see the server log for the event");
                }
            } else {
                erringSince = 0;
            }
            if (head - done <= CATCH_UP) {
                return state;
            }
        }
    }

    /**
     * One transaction: the live processor's position read under a row lock, the live tables locked (the live
     * processor's next write and every read wait), the replay let run up to that position and stopped, the tables
     * swapped.
     */
    private void switchOver(PooledStreamingEventProcessor replay, ShadowTables shadow) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SET LOCAL lock_timeout = '10s'").update();
            // the live processor's token first, then its tables: the order in which the live processor takes them
            // (its batch claims the token, then writes). The other order deadlocked against a batch in flight.
            long livePosition = jdbc.sql("""
                            SELECT token, token_type FROM token_entry
                            WHERE processor_name = :name AND segment = 0 FOR UPDATE
                            """)
                    .param("name", projection.processingGroup())
                    .query((rs, n) -> positionOf(rs.getBytes("token"), rs.getString("token_type")))
                    .optional()
                    .flatMap(Optional::ofNullable)
                    .orElse(-1L);
            shadow.lockLive();
            long deadline = clock.millis() + SWITCH_PATIENCE.toMillis();
            while (position(replay).orElse(-1) < livePosition) {
                if (clock.millis() > deadline) {
                    throw new IllegalStateException("the replay did not reach the live position " + livePosition);
                }
                sleep(Duration.ofMillis(20));
            }
            replay.shutDown();
            shadow.dropPurgedWorkspaces();
            shadow.switchOver();
            if (livePosition < 0) {
                // no live processor has run yet: it starts where the replay's least advanced segment stands
                jdbc.sql("""
                                INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp)
                                SELECT :live, 0, token, token_type, timestamp FROM token_entry
                                WHERE processor_name = :rebuild AND segment = :segment
                                ON CONFLICT DO NOTHING
                                """)
                        .param("rebuild", rebuildName)
                        .param("segment", leastAdvancedSegment())
                        .param("live", projection.processingGroup())
                        .update();
            }
            // otherwise the live processor keeps its own token: the new tables hold every event up to it and beyond
            // (the replay passed it), and what comes after it is applied again, harmlessly
        });
    }

    /**
     * The replay's segment that is least far along: its token is the one a live processor that never ran starts
     * from, so it re-applies, harmlessly, what the other segments are ahead by, and misses nothing.
     */
    private int leastAdvancedSegment() {
        return jdbc
                .sql("SELECT segment, token, token_type FROM token_entry WHERE processor_name = :rebuild")
                .param("rebuild", rebuildName)
                .query((rs, n) -> Map.entry(
                        rs.getInt("segment"),
                        Optional.ofNullable(positionOf(rs.getBytes("token"), rs.getString("token_type")))
                                .orElse(-1L)))
                .list()
                .stream()
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("the replay stored no token"));
    }

    /**
     * A pooled processor: one coordinator reads the event store once and hands each event to the worker of its
     * segment. (Tracking processors of several threads each read the whole store and skipped what was not theirs:
     * every thread paid for every event.)
     *
     * @param from where to start, after a bulk pass; null for the beginning of the store
     */
    private PooledStreamingEventProcessor replay(
            HikariDataSource shadowPool,
            TrackingToken from,
            ScheduledExecutorService reader,
            ScheduledExecutorService workers) {
        JdbcTokenStore tokens = JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(shadowPool))
                .serializer(serializer)
                .schema(AxonStorageConfig.tokenSchema())
                .claimTimeout(Duration.ofSeconds(3))
                .build();
        return PooledStreamingEventProcessor.builder()
                .name(rebuildName)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(projection.handlers(JdbcClient.create(shadowPool)))
                        .sequencingPolicy(projection.sequencing())
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .messageSource(events)
                .tokenStore(tokens)
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(shadowPool)))
                .coordinatorExecutor(reader)
                .workerExecutor(workers)
                .initialSegmentCount(threads)
                .maxClaimedSegments(threads)
                .tokenClaimInterval(200)
                .batchSize(500)
                .initialToken(source -> from == null ? source.createTailToken() : from)
                .build();
    }

    private ThreadFactory named(String role) {
        return Thread.ofPlatform()
                .name(rebuildName + "-" + role + "-", 0)
                .daemon()
                .factory();
    }

    /**
     * Connections of their own whose search path finds the shadow tables before the live ones. (The replay's token
     * lives in the live schema's token table, written through these connections too: it is the rebuild's own row.)
     */
    private HikariDataSource shadowPool(String schema) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(live.getJdbcUrl());
        pool.setUsername(live.getUsername());
        pool.setPassword(live.getPassword());
        pool.setMaximumPoolSize(threads + 1);
        pool.setPoolName("rebuild-" + schema);
        // a rebuild that dies starts again from the beginning, so its commits need not wait for the disk
        pool.setConnectionInitSql("SET search_path TO " + schema + ", public; SET synchronous_commit TO off");
        return pool;
    }

    /** The position every segment of the replay has passed: the least of theirs, once all of them run. */
    private OptionalLong position(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.size() < threads) {
            return OptionalLong.empty();
        }
        long least = Long.MAX_VALUE;
        for (EventTrackerStatus status : segments.values()) {
            OptionalLong position = status.getCurrentPosition();
            if (position.isEmpty()) {
                return OptionalLong.empty();
            }
            least = Math.min(least, position.getAsLong());
        }
        return OptionalLong.of(least);
    }

    private Long positionOf(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return tracking == null ? null : tracking.position().orElse(-1);
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), -1) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
