package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.StreamClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The inbox: who hears of what, never of their own actions, read marks, preferences, pushes and rebuilds. */
class NotificationsIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    long lastPosition;
    Board board;
    User member;
    User watcher;

    @BeforeEach
    void board() {
        board = Board.create(api, jdbc, "Inbox");
        member = join("member");
        watcher = join("watcher");
    }

    @Test
    void theAssigneeHearsOfTheAssignmentAndNobodyOfTheirOwnActions() {
        String task = createTask(board.owner(), "Write the notifier");
        track(expect(assign(board.owner(), task, member), 200));
        String own = createTask(member, "Mine");
        track(expect(assign(member, own, member), 200));

        List<JsonNode> inbox = inbox(member, "");
        assertThat(kinds(inbox)).containsExactly("assigned", "member-added");
        JsonNode assigned = inbox.getFirst();
        assertThat(assigned.path("actor").path("id").asString())
                .isEqualTo(board.owner().id());
        assertThat(assigned.path("actor").path("name").asString())
                .isEqualTo("User " + board.owner().handle());
        assertThat(assigned.path("task").path("id").asString()).isEqualTo(task);
        assertThat(assigned.path("task").path("name").asString()).isEqualTo("Write the notifier");
        assertThat(assigned.path("project").path("id").asString()).isEqualTo(board.project());
        assertThat(assigned.path("workspaceName").asString()).isEqualTo("Inbox");
        assertThat(assigned.path("read").asBoolean()).isFalse();
        assertThat(inbox(board.owner(), "")).isEmpty();
    }

    @Test
    void aCommentReachesTheMentionedOnceAndTheOtherWatchers() {
        String task = createTask(board.owner(), "Discuss");
        track(expect(api.post(taskPath(task) + "/watchers", watcher.accessToken(), Map.of()), 200));
        track(expect(
                api.post(
                        taskPath(task) + "/comments",
                        member.accessToken(),
                        Map.of(
                                "body",
                                "Ping @" + board.owner().handle() + " and @" + watcher.handle() + " "
                                        + "x".repeat(200))),
                201));

        JsonNode mention = inbox(board.owner(), "").getFirst();
        assertThat(mention.path("kind").asString()).isEqualTo("mentioned");
        assertThat(mention.path("excerpt").asString())
                .startsWith("Ping @")
                .endsWith("…")
                .hasSize(140);
        assertThat(kinds(inbox(board.owner(), ""))).containsExactly("mentioned");
        assertThat(kinds(inbox(watcher, ""))).containsExactly("mentioned", "member-added");
        assertThat(kinds(inbox(member, ""))).containsExactly("member-added");
    }

    @Test
    void watchersHearOfStatusAndDueDateChangesByOthers() {
        String task = createTask(board.owner(), "Ship it");
        track(expect(api.post(taskPath(task) + "/watchers", watcher.accessToken(), Map.of()), 200));
        track(expect(
                api.post(taskPath(task) + "/status", board.owner().accessToken(), Map.of("status", "in_progress")),
                200));
        track(expect(api.patch(taskPath(task), board.owner().accessToken(), Map.of("dueDate", "2026-12-24")), 200));
        track(expect(api.post(taskPath(task) + "/status", watcher.accessToken(), Map.of("status", "in_review")), 200));

        List<JsonNode> inbox = inbox(watcher, "");
        assertThat(kinds(inbox)).containsExactly("due-date-changed", "status-changed", "member-added");
        assertThat(inbox.get(0).path("excerpt").asString()).isEqualTo("due 2026-12-24");
        assertThat(inbox.get(1).path("excerpt").asString()).isEqualTo("todo → in_progress");
        // the owner watches as creator: the watcher's own change reaches them, their own do not
        assertThat(kinds(inbox(board.owner(), ""))).containsExactly("status-changed");
    }

    @Test
    void aRemovedMemberSeesOnlyTheRemovalNotice() {
        String task = createTask(board.owner(), "Before");
        track(expect(assign(board.owner(), task, member), 200));
        assertThat(unread(member)).isEqualTo(2);

        track(expect(api.delete(membersPath() + member.id(), board.owner().accessToken()), 200));

        List<JsonNode> inbox = inbox(member, "");
        assertThat(kinds(inbox)).containsExactly("member-removed");
        assertThat(inbox.getFirst().path("workspaceName").asString()).isEqualTo("Inbox");
        assertThat(inbox.getFirst().path("task").isNull()).isTrue();
        assertThat(unread(member)).isEqualTo(1);
        // leaving on one's own is no news to oneself
        track(expect(api.delete(membersPath() + watcher.id(), watcher.accessToken()), 200));
        assertThat(inbox(watcher, "")).isEmpty();
    }

    @Test
    void readMarksCountDownAndReadAllClearsTheRest() {
        for (int i = 0; i < 3; i++) {
            track(expect(assign(board.owner(), createTask(board.owner(), "Task " + i), member), 200));
        }
        List<JsonNode> inbox = inbox(member, "");
        assertThat(unread(member)).isEqualTo(4);

        String first = inbox.getFirst().path("id").asString();
        track(expect(api.post("/api/me/notifications/" + first + "/read", member.accessToken(), Map.of()), 200));
        Api.Response again =
                expect(api.post("/api/me/notifications/" + first + "/read", member.accessToken(), Map.of()), 200);
        assertThat(again.body().path("globalPosition").asLong()).isEqualTo(lastPosition); // nothing new appended
        assertThat(unread(member)).isEqualTo(3);
        assertThat(inbox(member, "unread=true"))
                .hasSize(3)
                .noneMatch(n -> n.path("id").asString().equals(first));

        track(expect(api.post("/api/me/notifications/read-all", member.accessToken(), Map.of()), 200));
        assertThat(unread(member)).isZero();
        assertThat(inbox(member, "")).hasSize(4).allMatch(n -> n.path("read").asBoolean());

        assertThat(api.post("/api/me/notifications/" + first + "/read", watcher.accessToken(), Map.of())
                        .problemType())
                .endsWith("not-found");
        assertThat(api.post("/api/me/notifications/nope/read", member.accessToken(), Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void preferencesStartAtTheDefaultsAndAreValidated() {
        JsonNode defaults = expect(api.get("/api/me/notification-preferences", member.accessToken()), 200)
                .body();
        assertThat(defaults.path("timeZone").asString()).isEqualTo("UTC");
        assertThat(defaults.path("kinds").path("assigned").path("email").asBoolean())
                .isTrue();
        assertThat(defaults.path("kinds").path("commented").path("email").asBoolean())
                .isFalse();
        assertThat(defaults.path("kinds").size()).isEqualTo(9);

        Map<String, Object> body = new HashMap<>();
        body.put("timeZone", "Europe/Paris");
        body.put("kinds", Map.of("commented", Map.of("email", true, "webhook", false)));
        track(expect(api.send("PUT", "/api/me/notification-preferences", member.accessToken(), body), 200));
        JsonNode changed = expect(
                        api.get("/api/me/notification-preferences?minPosition=" + lastPosition, member.accessToken()),
                        200)
                .body();
        assertThat(changed.path("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(changed.path("kinds").path("commented").path("email").asBoolean())
                .isTrue();
        assertThat(changed.path("kinds").path("assigned").path("email").asBoolean())
                .isTrue();

        Api.Response refused = api.send(
                "PUT",
                "/api/me/notification-preferences",
                member.accessToken(),
                Map.of("timeZone", "Mars/Olympus", "kinds", Map.of("gossip", Map.of("email", true, "webhook", true))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").findValuesAsString("pointer"))
                .containsExactlyInAnyOrder("/timeZone", "/kinds/gossip");
    }

    @Test
    void newNotificationsAndCountsArePushedOnTheUserStream() throws Exception {
        try (StreamClient stream = StreamClient.connect(api.base(), member.accessToken())) {
            stream.subscribe("user:" + member.id(), null);
            String task = createTask(board.owner(), "Live");
            track(expect(assign(board.owner(), task, member), 200));

            JsonNode pushed =
                    stream.awaitFrame(frame -> frame.path("type").asString().equals("notification"));
            assertThat(pushed.path("data").path("kind").asString()).isEqualTo("assigned");
            assertThat(pushed.path("data").path("task").path("id").asString()).isEqualTo(task);
            assertThat(pushed.path("unreadCount").asLong()).isEqualTo(2);

            track(expect(api.post("/api/me/notifications/read-all", member.accessToken(), Map.of()), 200));
            JsonNode count =
                    stream.awaitFrame(frame -> frame.path("type").asString().equals("unread-count"));
            assertThat(count.path("unreadCount").asLong()).isZero();
        }
    }

    @Test
    void aRebuildGivesBackTheSameInboxWithItsReadMarks() {
        String task = createTask(board.owner(), "Rebuilt");
        track(expect(assign(board.owner(), task, member), 200));
        String first = inbox(member, "").getFirst().path("id").asString();
        track(expect(api.post("/api/me/notifications/" + first + "/read", member.accessToken(), Map.of()), 200));
        List<JsonNode> before = inbox(member, "");
        long rows =
                jdbc.sql("SELECT count(*) FROM notification").query(Long.class).single();

        TrackingEventProcessor processor = processing
                .eventProcessor("notifications", TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.sql("SELECT count(*) FROM notification")
                        .query(Long.class)
                        .single())
                .isZero(); // the reset emptied the inbox tables
        processor.start();

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(inbox(member, "")).isEqualTo(before));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !processor.isReplaying());
        assertThat(jdbc.sql("SELECT count(*) FROM notification")
                        .query(Long.class)
                        .single())
                .isEqualTo(rows);
    }

    @Test
    void aTaskComingDueRemindsItsAssigneeOnceAndTheReminderFollowsDateZoneAndStatus() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String task = createTask(board.owner(), "Due soon");
        track(expect(assign(board.owner(), task, member), 200));
        track(expect(api.patch(taskPath(task), board.owner().accessToken(), Map.of("dueDate", today.toString())), 200));

        // due by the end of today (UTC): inside the 24 h window, so the reminder fires at once
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(kinds(inbox(member, ""))).contains("due-soon"));
        JsonNode reminder = inbox(member, "").getFirst();
        assertThat(reminder.path("kind").asString()).isEqualTo("due-soon");
        assertThat(reminder.path("excerpt").asString()).isEqualTo("due " + today);
        assertThat(reminder.path("actor").isNull()).isTrue();

        LocalDate later = today.plusDays(10);
        track(expect(api.patch(taskPath(task), board.owner().accessToken(), Map.of("dueDate", later.toString())), 200));
        inbox(member, ""); // the projection has planned the reminder
        assertThat(reminderAt(task))
                .contains(later.plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .minusHours(24)
                        .toInstant());

        track(expect(
                api.send(
                        "PUT",
                        "/api/me/notification-preferences",
                        member.accessToken(),
                        Map.of("timeZone", "Pacific/Kiritimati", "kinds", Map.of())),
                200));
        inbox(member, "");
        assertThat(reminderAt(task))
                .contains(later.plusDays(1)
                        .atStartOfDay(java.time.ZoneId.of("Pacific/Kiritimati"))
                        .minusHours(24)
                        .toInstant());

        track(expect(api.delete(taskPath(task), board.owner().accessToken()), 200));
        inbox(member, "");
        assertThat(reminderAt(task)).isEmpty();
        assertThat(kinds(inbox(member, "")).stream().filter("due-soon"::equals)).hasSize(1);
    }

    private java.util.Optional<java.time.Instant> reminderAt(String task) {
        return jdbc.sql(
                        "SELECT execution_time FROM scheduled_tasks WHERE task_name = 'due-reminder' AND task_instance = :task")
                .param("task", task)
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    private User join(String handle) {
        User user = api.registerAndLogin(Board.unique(handle));
        track(expect(api.addMember(board.owner(), board.workspace(), user, "member"), 201));
        return user;
    }

    private String createTask(User user, String title) {
        return track(expect(api.createTask(user, board.workspace(), board.project(), title), 201))
                .text("id");
    }

    private Api.Response assign(User by, String task, User assignee) {
        return api.post(taskPath(task) + "/assignee", by.accessToken(), Map.of("assigneeId", assignee.id()));
    }

    private String taskPath(String task) {
        return "/api/workspaces/" + board.workspace() + "/tasks/" + task;
    }

    private String membersPath() {
        return "/api/workspaces/" + board.workspace() + "/members/";
    }

    private Api.Response track(Api.Response write) {
        lastPosition =
                Math.max(lastPosition, write.body().path("globalPosition").asLong());
        return write;
    }

    private List<JsonNode> inbox(User user, String query) {
        return expect(
                        api.get(
                                "/api/me/notifications?minPosition=" + lastPosition
                                        + (query.isEmpty() ? "" : "&" + query),
                                user.accessToken()),
                        200)
                .body()
                .path("items")
                .valueStream()
                .toList();
    }

    private long unread(User user) {
        return expect(
                        api.get("/api/me/notifications/unread-count?minPosition=" + lastPosition, user.accessToken()),
                        200)
                .body()
                .path("count")
                .asLong();
    }

    private static List<String> kinds(List<JsonNode> inbox) {
        return inbox.stream().map(n -> n.path("kind").asString()).toList();
    }
}
