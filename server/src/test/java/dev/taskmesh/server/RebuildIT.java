package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.query.feed.FeedRetention;
import dev.taskmesh.server.rebuild.RebuildProgress;
import dev.taskmesh.server.rebuild.Rebuilds;
import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.Writes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rebuilding a read model: into shadow tables while the live ones serve, switched over atomically, ending identical
 * to what it replaced, with writes and reads going on throughout.
 */
class RebuildIT extends IntegrationTest {

    private static final String OPERATOR_TOKEN = "operator-" + java.util.UUID.randomUUID();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Rebuilds rebuilds;

    @Autowired
    FeedRetention retention;

    User owner;
    String workspace;
    String project;
    Writes writes;

    @BeforeEach
    void board() {
        Board board = Board.create(api, jdbc, "Rebuild");
        owner = board.owner();
        workspace = board.workspace();
        project = board.project();
        writes = new Writes(api, owner, workspace, project);
    }

    @Test
    void eachRebuiltReadModelIsIdenticalToTheOneItReplaced() {
        seedHistory();
        for (String projection :
                List.of("task-views", "project-views", "comment-views", "search", "notifications", "activity-feed")) {
            awaitLive();
            Map<String, String> before = checksums(projection);
            assertThat(before)
                    .as(projection)
                    .allSatisfy((table, sum) -> assertThat(sum).doesNotStartWith("0:"));

            RebuildProgress end = rebuilds.run(projection, progress -> {});

            assertThat(end.state()).as(projection + ": " + end.error()).isEqualTo(RebuildProgress.State.DONE);
            assertThat(end.done()).isEqualTo(end.total());
            assertThat(checksums(projection)).as(projection).isEqualTo(before);
        }
        assertThat(jdbc.sql("SELECT indexname FROM pg_indexes WHERE tablename = 'search_task'")
                        .query(String.class)
                        .list())
                .contains("search_task_pkey", "search_task_document_idx");
        // the partitioned search table came back partitioned, its 64 partitions under their own names, with indexes
        assertThat(jdbc.sql("""
                        SELECT n.nspname || '.' || c.relname || ':' || count(i.indexrelid)
                        FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        LEFT JOIN pg_index i ON i.indrelid = c.oid
                        WHERE h.inhparent = 'public.search_task'::regclass
                        GROUP BY n.nspname, c.relname
                        """).query(String.class).list())
                .hasSize(64)
                .contains("public.search_task_p00:2", "public.search_task_p63:2")
                .allSatisfy(partition ->
                        assertThat(partition).startsWith("public.search_task_p").endsWith(":2"));
        // its index assembled from the partitions' is valid, and the partitions' statistics were gathered
        assertThat(jdbc.sql("SELECT indisvalid FROM pg_index WHERE indexrelid = 'search_task_document_idx'::regclass")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT count(*) FROM pg_stat_user_tables"
                                        + " WHERE relname LIKE 'search\\_task\\_p%' AND last_analyze IS NOT NULL")
                                .query(Long.class)
                                .single())
                        .isEqualTo(64));
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rebuild_%'")
                        .query(Long.class)
                        .single())
                .isZero();
        // every rebuild's reader and workers are gone with it
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                        .extracting(Thread::getName)
                        .noneMatch(name -> name.contains("@rebuild-") || name.startsWith("rebuild-index-")));
        assertThat(jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name LIKE '%@rebuild'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void rebuildingTheInboxesPushesNothingAndQueuesNoDelivery() {
        User member = api.registerAndLogin(Board.unique("watcher"));
        expect(api.addMember(owner, workspace, member, "member"), 201);
        for (int i = 0; i < 3; i++) {
            String task = writes.create("For the member " + i);
            writes.track(expect(
                    api.post(
                            "/api/workspaces/" + workspace + "/tasks/" + task + "/assignee",
                            owner.accessToken(),
                            Map.of("assigneeId", member.id())),
                    200));
        }
        awaitLive();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT count(*) FROM notification WHERE user_id = '" + member.id() + "'") == 4);
        long frames = count("SELECT count(*) FROM stream_frame");
        long deliveries = count("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'notification-delivery'")
                + count("SELECT count(*) FROM delivery_dead_letter");
        Map<String, String> before = checksums("notifications");

        RebuildProgress end = rebuilds.run("notifications", progress -> {});

        assertThat(end.state()).as(end.error()).isEqualTo(RebuildProgress.State.DONE);
        assertThat(checksums("notifications")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM stream_frame")).isEqualTo(frames);
        assertThat(count("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'notification-delivery'")
                        + count("SELECT count(*) FROM delivery_dead_letter"))
                .isEqualTo(deliveries);
        assertThat(expect(api.get("/api/me/notifications/unread-count", member.accessToken()), 200)
                        .body()
                        .path("count")
                        .asLong())
                .isEqualTo(4);
    }

    @Test
    void theFeedIsRebuiltWithinItsRetentionAndReadsTheSame() {
        seedHistory();
        Instant pruneBefore = Instant.now();
        seedHistory();
        awaitLive();
        retention.pruneOlderThan(pruneBefore);
        long horizon = count("SELECT event_seq FROM feed_horizon");
        Map<String, String> before = checksums("activity-feed");
        String feedBefore = wholeFeed(owner);

        RebuildProgress end = rebuilds.run("activity-feed", progress -> {});

        assertThat(end.state()).as(end.error()).isEqualTo(RebuildProgress.State.DONE);
        assertThat(checksums("activity-feed")).isEqualTo(before);
        assertThat(count("SELECT event_seq FROM feed_horizon")).isEqualTo(horizon);
        assertThat(count("SELECT count(*) FROM feed_entry WHERE event_seq < " + horizon))
                .isZero();
        assertThat(count("SELECT count(*) FROM feed_event WHERE event_seq < " + horizon))
                .isPositive();
        assertThat(wholeFeed(owner)).isEqualTo(feedBefore).contains("Renamed project");
    }

    @Test
    void writesAndReadsGoOnDuringARebuildAndWhatWasWrittenMeanwhileIsInTheNewTables() throws Exception {
        seedHistory();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicInteger failedReads = new AtomicInteger();
        List<String> writtenMeanwhile = new ArrayList<>();
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            int i = 0;
            while (rebuilding.get()) {
                writtenMeanwhile.add(writes.create("Meanwhile " + i++));
                Api.Response read =
                        api.get("/api/workspaces/" + workspace + "/search?q=meanwhile", owner.accessToken());
                if (read.status() != 200) {
                    failedReads.incrementAndGet();
                }
            }
        });

        RebuildProgress end = rebuilds.run("search", progress -> {});
        rebuilding.set(false);
        traffic.get();

        assertThat(end.state()).as(end.error()).isEqualTo(RebuildProgress.State.DONE);
        assertThat(writtenMeanwhile).isNotEmpty();
        assertThat(failedReads).hasValue(0);
        List<String> found = new ArrayList<>();
        String cursor = null;
        do {
            var page = expect(
                            api.get(
                                    "/api/workspaces/" + workspace + "/search?limit=200&q=meanwhile&minPosition="
                                            + writes.lastPosition() + (cursor == null ? "" : "&cursor=" + cursor),
                                    owner.accessToken()),
                            200)
                    .body();
            page.path("items").forEach(hit -> found.add(hit.path("taskId").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        assertThat(found).containsExactlyInAnyOrderElementsOf(writtenMeanwhile);
    }

    @DynamicPropertySource
    static void operator(DynamicPropertyRegistry registry) {
        registry.add("taskmesh.admin.token", () -> OPERATOR_TOKEN);
    }

    @Test
    void anOperatorStartsARebuildOverHttpAndFollowsItsProgress() {
        seedHistory();
        String path = "/admin/rebuilds/task-views";

        assertThat(api.post(path, null, null).status()).isEqualTo(401);
        assertThat(api.post(path, "not-the-token", null).status()).isEqualTo(401);
        assertThat(api.post(path, owner.accessToken(), null).status()).isEqualTo(401);
        assertThat(api.get("/admin/rebuilds/stream-relay", OPERATOR_TOKEN).status())
                .isEqualTo(404);
        assertThat(expect(api.get("/admin/rebuilds", OPERATOR_TOKEN), 200)
                        .body()
                        .path("projections")
                        .toString())
                .contains("search");

        Api.Response started = expect(api.post(path, OPERATOR_TOKEN, null), 202);
        assertThat(started.text("projection")).isEqualTo("task-views");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var progress = expect(api.get(path, OPERATOR_TOKEN), 200).body();
            assertThat(progress.path("state").asString()).isEqualTo("done");
            assertThat(progress.path("done").asLong())
                    .isPositive()
                    .isEqualTo(progress.path("total").asLong());
            assertThat(progress.path("finishedAt").isNull()).isFalse();
        });
        assertThat(expect(
                                api.get(
                                        "/api/workspaces/" + workspace + "/projects/" + project + "/tasks",
                                        owner.accessToken()),
                                200)
                        .body()
                        .path("items"))
                .isNotEmpty();
    }

    @Test
    void anUnknownReadModelOrOneThatIsNotRebuildableIsRefused() {
        assertThat(rebuilds.names())
                .containsExactly(
                        "activity-feed",
                        "attachments",
                        "comment-views",
                        "notifications",
                        "project-views",
                        "search",
                        "task-views");
        assertThatThrownBy(() -> rebuilds.run("stream-relay", progress -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rebuildable");
        assertThatThrownBy(() -> rebuilds.run("nope", progress -> {})).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A member added, tasks changed in every way a read model shows and some assigned to the member, comments posted
     * and deleted, a project renamed.
     */
    private void seedHistory() {
        User member = api.registerAndLogin(Board.unique("member"));
        expect(api.addMember(owner, workspace, member, "member"), 201);
        for (int i = 0; i < 20; i++) {
            String task = writes.create("Task number " + i);
            if (i % 6 == 1) {
                writes.track(expect(
                        api.post(
                                "/api/workspaces/" + workspace + "/tasks/" + task + "/assignee",
                                owner.accessToken(),
                                Map.of("assigneeId", member.id())),
                        200));
            }
            if (i % 3 == 0) {
                writes.track(expect(
                        api.patch(
                                "/api/workspaces/" + workspace + "/tasks/" + task,
                                owner.accessToken(),
                                Map.of(
                                        "title",
                                        "Renamed\t" + i,
                                        // text the bulk pass must carry through COPY's escapes and array quoting
                                        "labels",
                                        List.of("l" + i % 4, "a,{b} \"c\"\\d"),
                                        "description",
                                        "line one\nline\\two",
                                        "priority",
                                        "high",
                                        "dueDate",
                                        "2026-12-24"),
                                "Content-Type",
                                "application/merge-patch+json"),
                        200));
            }
            if (i % 5 == 2) {
                writes.track(expect(
                        api.post(
                                "/api/workspaces/" + workspace + "/tasks/" + task + "/status",
                                owner.accessToken(),
                                Map.of("status", "in_progress")),
                        200));
            }
            if (i % 4 == 0) {
                Api.Response comment = expect(
                        api.post(
                                "/api/workspaces/" + workspace + "/tasks/" + task + "/comments",
                                owner.accessToken(),
                                Map.of("body", "comment on " + i)),
                        201);
                writes.track(comment);
                // a second comment, edited on some tasks: a document keeps its comments in posting order
                String second = "/api/workspaces/" + workspace + "/tasks/" + task + "/comments/"
                        + writes.comment(task, "then a second on " + i);
                if (i % 8 == 4) {
                    writes.track(expect(api.patch(second, owner.accessToken(), Map.of("body", "edited on " + i)), 200));
                }
                if (i % 8 == 0) {
                    writes.track(expect(
                            api.delete(
                                    "/api/workspaces/" + workspace + "/tasks/" + task + "/comments/"
                                            + comment.text("id"),
                                    owner.accessToken()),
                            200));
                }
            }
            // task 4 goes with its comments still live
            if (i % 5 == 0 || i == 4) {
                writes.track(expect(
                        api.delete("/api/workspaces/" + workspace + "/tasks/" + task, owner.accessToken()), 200));
            }
        }
        writes.track(expect(
                api.patch(
                        "/api/workspaces/" + workspace + "/projects/" + project,
                        owner.accessToken(),
                        Map.of("name", "Renamed project"),
                        "Content-Type",
                        "application/merge-patch+json"),
                200));
    }

    /** Every page of the user's feed, as the API answers them. */
    private String wholeFeed(User user) {
        StringBuilder pages = new StringBuilder();
        String cursor = null;
        do {
            var page = expect(
                            api.get(
                                    "/api/me/feed?limit=7" + (cursor == null ? "" : "&cursor=" + cursor),
                                    user.accessToken()),
                            200)
                    .body();
            pages.append(page.path("items")).append('\n');
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        return pages.toString();
    }

    /** Every live processor has passed the last write. */
    private void awaitLive() {
        expect(
                api.get(
                        "/api/workspaces/" + workspace + "/projects/" + project + "/tasks?minPosition="
                                + writes.lastPosition(),
                        owner.accessToken()),
                200);
        expect(
                api.get(
                        "/api/workspaces/" + workspace + "/projects?minPosition=" + writes.lastPosition(),
                        owner.accessToken()),
                200);
        expect(
                api.get(
                        "/api/workspaces/" + workspace + "/search?q=x&minPosition=" + writes.lastPosition(),
                        owner.accessToken()),
                200);
        expect(api.get("/api/me/feed?minPosition=" + writes.lastPosition(), owner.accessToken()), 200);
    }

    /**
     * Per table of the read model: an MD5 of every row, ordered by primary key, without serial columns (a rebuilt
     * sequence numbers rows afresh), and the primary keys in serial order within each list (which the rebuild must
     * keep).
     */
    private Map<String, String> checksums(String projection) {
        Map<String, List<String>> tables = Map.of(
                "task-views", List.of("task_view"),
                "project-views", List.of("project_view"),
                "comment-views", List.of("comment_view"),
                "search", List.of("search_task", "search_comment", "search_word"),
                "activity-feed", List.of("feed_member", "feed_event", "feed_entry", "feed_horizon"),
                "notifications",
                        List.of(
                                "notify_user",
                                "notify_workspace",
                                "notify_member",
                                "notify_project",
                                "notify_task",
                                "notify_watcher",
                                "notification"));
        Map<String, String> sums = new java.util.TreeMap<>();
        for (String table : tables.get(projection)) {
            List<String> columns =
                    jdbc.sql("""
                            SELECT column_name FROM information_schema.columns
                            WHERE table_schema = 'public' AND table_name = :table
                              AND coalesce(column_default, '') NOT LIKE 'nextval(%'
                            ORDER BY column_name
                            """).param("table", table).query(String.class).list();
            String key = String.join(
                    ", ",
                    jdbc.sql("""
                            SELECT a.attname FROM pg_index i
                            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                            WHERE i.indrelid = ('public.' || :table)::regclass AND i.indisprimary
                            ORDER BY a.attname
                            """).param("table", table).query(String.class).list());
            sums.put(
                    table,
                    jdbc.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(row_text, '|' ORDER BY k)), '')"
                                    + " FROM (SELECT (" + String.join(", ", columns) + ")::text AS row_text, (" + key
                                    + ")::text AS k FROM public." + table + ") rows")
                            .query(String.class)
                            .single());
            boolean serial =
                    jdbc.sql("""
                            SELECT count(*) FROM information_schema.columns
                            WHERE table_schema = 'public' AND table_name = :table AND column_name = 'seq'
                            """).param("table", table).query(Long.class).single() > 0;
            if (serial) {
                // serial numbers order rows within what a list shows: a task's comments, a workspace's projects
                String list = switch (table) {
                    case "project_view" -> "workspace_id";
                    case "notification" -> "user_id";
                    default -> "task_id";
                };
                sums.put(
                        table + " order",
                        jdbc.sql("SELECT coalesce(md5(string_agg((" + key + ")::text, '|' ORDER BY " + list
                                        + ", seq)), '') FROM public." + table)
                                .query(String.class)
                                .single());
            }
        }
        return sums;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
