package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.query.feed.FeedRetention;
import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The activity feed: fan-out to the members of the moment, newest first, per workspace, and only while a member. */
class FeedIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FeedRetention retention;

    long lastPosition;

    @Test
    void membersSeeWhatHappenedSinceTheyJoinedNewestFirst() {
        Board board = Board.create(api, jdbc, "Feed");
        User member = api.registerAndLogin(Board.unique("member"));
        track(expect(api.addMember(board.owner(), board.workspace(), member, "member"), 201));
        String task = track(expect(api.createTask(member, board.workspace(), board.project(), "Write the feed"), 201))
                .text("id");

        List<JsonNode> ownerFeed = items(feed(board.owner(), ""));
        assertThat(types(ownerFeed))
                .containsExactly("TaskCreated", "MemberAdded", "ProjectCreated", "WorkspaceCreated");
        List<JsonNode> memberFeed = items(feed(member, ""));
        assertThat(types(memberFeed)).containsExactly("TaskCreated", "MemberAdded");
        JsonNode created = memberFeed.getFirst();
        assertThat(created.path("aggregateId").asString()).isEqualTo(task);
        assertThat(created.path("actor").asString()).isEqualTo(member.id());
        assertThat(created.path("workspaceId").asString()).isEqualTo(board.workspace());
        assertThat(created.path("data").path("title").asString()).isEqualTo("Write the feed");
    }

    @Test
    void aFeedSpansWorkspacesPagesBackwardsAndFiltersByWorkspace() {
        Board first = Board.create(api, jdbc, "First");
        User owner = first.owner();
        String second = track(expect(
                        api.post("/api/workspaces", owner.accessToken(), java.util.Map.of("name", "Second")), 201))
                .text("id");

        assertThat(wholeFeed(owner)).hasSize(3).doesNotHaveDuplicates(); // WorkspaceCreated ×2, ProjectCreated

        assertThat(types(items(feed(owner, "workspace=" + second)))).containsExactly("WorkspaceCreated");
        assertThat(items(feed(owner, "workspace=" + java.util.UUID.randomUUID())))
                .isEmpty();
        assertThat(api.get("/api/me/feed?workspace=nope", owner.accessToken()).status())
                .isEqualTo(400);
    }

    @Test
    void aFormerMemberSeesNothingOfTheWorkspaceTheyLeft() {
        Board board = Board.create(api, jdbc, "Left");
        User member = api.registerAndLogin(Board.unique("leaver"));
        track(expect(api.addMember(board.owner(), board.workspace(), member, "member"), 201));
        track(expect(api.createTask(board.owner(), board.workspace(), board.project(), "Seen while a member"), 201));
        assertThat(items(feed(member, ""))).hasSize(2);

        track(expect(
                api.delete(
                        "/api/workspaces/" + board.workspace() + "/members/" + member.id(),
                        board.owner().accessToken()),
                200));
        track(expect(api.createTask(board.owner(), board.workspace(), board.project(), "After they left"), 201));
        assertThat(items(feed(member, ""))).isEmpty();
        assertThat(types(items(feed(board.owner(), "limit=2")))).containsExactly("TaskCreated", "MemberRemoved");
    }

    @Test
    void aBurstOfWritesIsMaterialisedCompletelyAndInOrder() {
        Board board = Board.create(api, jdbc, "Burst");
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            tasks.add(
                    track(expect(api.createTask(board.owner(), board.workspace(), board.project(), "Burst " + i), 201))
                            .text("id"));
        }
        List<String> newestFirst = items(feed(board.owner(), "limit=60")).stream()
                .map(item -> item.path("aggregateId").asString())
                .toList();
        assertThat(newestFirst).containsExactlyElementsOf(tasks.reversed());
        assertThat(entriesOf(board.workspace()))
                .isEqualTo(62); // 60 tasks, the project and the workspace, for its one member
    }

    /**
     * Concurrent commits reach the store's positions out of order, and the processor receives the late ones after
     * later positions (they fill gaps): every one is still in the feed, in the store's order.
     */
    @Test
    void concurrentWritesAreAllMaterialisedInTheStoresOrder() throws Exception {
        Board board = Board.create(api, jdbc, "Concurrent");
        try (var writers = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Api.Response>> created = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String title = "Concurrent " + i;
                created.add(writers.submit(
                        () -> expect(api.createTask(board.owner(), board.workspace(), board.project(), title), 201)));
            }
            for (var response : created) {
                track(response.get());
            }
        }
        // a commit that filled a gap may reach the feed just after the processor passed the highest position
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(items(feed(board.owner(), "limit=100")).stream()
                                .filter(item ->
                                        item.path("eventType").asString().equals("TaskCreated")))
                        .hasSize(80));
        assertThat(entriesOf(board.workspace())).isEqualTo(82);
        List<Long> seqs = jdbc.sql(
                        "SELECT event_seq FROM feed_event WHERE workspace_id = :workspace ORDER BY event_seq")
                .param("workspace", java.util.UUID.fromString(board.workspace()))
                .query(Long.class)
                .list();
        List<Long> positions = jdbc.sql("""
                        SELECT d.global_index FROM domain_event_entry d JOIN feed_event f ON f.event_id = d.event_identifier
                        WHERE f.workspace_id = :workspace ORDER BY d.global_index
                        """)
                .param("workspace", java.util.UUID.fromString(board.workspace()))
                .query(Long.class)
                .list();
        assertThat(seqs).hasSize(82).isEqualTo(positions);
    }

    @Test
    void pastItsRetentionAFeedIsReadFromTheEventsAndReadsTheSame() {
        Board board = Board.create(api, jdbc, "Retained");
        User early = api.registerAndLogin(Board.unique("early"));
        track(expect(api.addMember(board.owner(), board.workspace(), early, "member"), 201));
        track(expect(api.createTask(early, board.workspace(), board.project(), "Before the late one"), 201));
        User late = api.registerAndLogin(Board.unique("late"));
        track(expect(api.addMember(board.owner(), board.workspace(), late, "member"), 201));
        track(expect(api.createTask(late, board.workspace(), board.project(), "After"), 201));
        User leaver = api.registerAndLogin(Board.unique("leaver"));
        track(expect(api.addMember(board.owner(), board.workspace(), leaver, "member"), 201));
        track(expect(
                api.delete(
                        "/api/workspaces/" + board.workspace() + "/members/" + leaver.id(),
                        board.owner().accessToken()),
                200));
        List<String> ownerBefore = wholeFeed(board.owner());
        List<String> earlyBefore = wholeFeed(early);
        List<String> lateBefore = wholeFeed(late);
        assertThat(ownerBefore).hasSize(8);
        assertThat(lateBefore).hasSize(4); // joining, the task after, the leaver's coming and going

        long deleted = retention.pruneOlderThan(Instant.now().plusSeconds(1));

        assertThat(deleted).isPositive();
        assertThat(entriesOf(board.workspace())).isZero();
        assertThat(wholeFeed(board.owner())).isEqualTo(ownerBefore);
        assertThat(wholeFeed(early)).isEqualTo(earlyBefore);
        assertThat(wholeFeed(late)).isEqualTo(lateBefore);
        assertThat(wholeFeed(leaver)).isEmpty();

        String fresh = track(expect(api.createTask(late, board.workspace(), board.project(), "Fresh"), 201))
                .text("id");
        List<String> ownerAfter = wholeFeed(board.owner());
        assertThat(entriesOf(board.workspace())).isEqualTo(3); // the new event, for its three members
        assertThat(ownerAfter.subList(1, ownerAfter.size())).isEqualTo(ownerBefore);
        assertThat(items(feed(board.owner(), "limit=1"))
                        .getFirst()
                        .path("aggregateId")
                        .asString())
                .isEqualTo(fresh);
    }

    /** Every event id of a user's feed, newest first, paged two at a time across the retention horizon. */
    private List<String> wholeFeed(User user) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = feed(user, "limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            items(page).forEach(item -> all.add(item.path("eventId").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        return all;
    }

    private long entriesOf(String workspace) {
        return jdbc.sql("SELECT count(*) FROM feed_entry WHERE workspace_id = CAST(:ws AS uuid)")
                .param("ws", workspace)
                .query(Long.class)
                .single();
    }

    private Api.Response track(Api.Response write) {
        lastPosition =
                Math.max(lastPosition, write.body().path("globalPosition").asLong());
        return write;
    }

    private JsonNode feed(User user, String query) {
        return expect(
                        api.get(
                                "/api/me/feed?minPosition=" + lastPosition + (query.isEmpty() ? "" : "&" + query),
                                user.accessToken()),
                        200)
                .body();
    }

    private static List<JsonNode> items(JsonNode page) {
        return page.path("items").valueStream().toList();
    }

    private static List<String> types(List<JsonNode> items) {
        return items.stream().map(item -> item.path("eventType").asString()).toList();
    }
}
