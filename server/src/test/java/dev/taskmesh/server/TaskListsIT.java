package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A project's task list: board order, keyset pages, every filter, time orders, and what is refused. */
class TaskListsIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    User owner;
    String workspace;
    String project;
    long lastPosition;

    @BeforeEach
    void board() {
        Board board = Board.create(api, jdbc, "Lists");
        owner = board.owner();
        workspace = board.workspace();
        project = board.project();
    }

    @Test
    void theBoardComesColumnByColumnInRankOrderAcrossPages() {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(create("Card " + i));
        }
        status(tasks.get(0), "in_progress");
        status(tasks.get(3), "in_progress");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = list("limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(page));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        // todo in creation order (appended cards rank after each other), then in_progress in the order they moved
        assertThat(seen).containsExactly(tasks.get(1), tasks.get(2), tasks.get(4), tasks.get(0), tasks.get(3));
    }

    @Test
    void everyFilterNarrowsTheList() {
        User member = api.registerAndLogin(Board.unique("member"));
        expect(api.addMember(owner, workspace, member, "member"), 201);
        String urgent = create("Urgent web fix");
        patch(urgent, Map.of("priority", "high", "labels", List.of("web", "bug"), "dueDate", "2026-12-01"));
        String later = create("Later");
        patch(later, Map.of("labels", List.of("docs"), "dueDate", "2027-02-01"));
        String mine = create("Mine");
        assign(mine, owner.id());
        status(mine, "in_progress");
        Api.Response created = expect(api.createTask(member, workspace, project, "Theirs"), 201);
        track(created); // the lists below read at the position of every write, this one included
        String theirs = created.text("id");

        assertThat(ids(list("status=in_progress"))).containsExactly(mine);
        assertThat(ids(list("status=todo&status=in_progress"))).containsExactlyInAnyOrder(urgent, later, mine, theirs);
        assertThat(ids(list("assignee=me"))).containsExactly(mine);
        assertThat(ids(list("assignee=" + owner.id()))).containsExactly(mine);
        assertThat(ids(list("label=web"))).containsExactly(urgent);
        assertThat(ids(list("label=docs&label=bug"))).containsExactlyInAnyOrder(urgent, later);
        assertThat(ids(list("priority=high"))).containsExactly(urgent);
        assertThat(ids(list("dueBefore=2027-01-01"))).containsExactly(urgent);
        assertThat(ids(list("dueAfter=2027-01-01"))).containsExactly(later);
        assertThat(ids(list("watching=me"))).containsExactlyInAnyOrder(urgent, later, mine);
        assertThat(ids(list("label=web&priority=none"))).isEmpty();
    }

    @Test
    void timeOrdersPutTheLatestChangeFirstWhenDescending() {
        String first = create("First");
        String second = create("Second");
        patch(first, Map.of("title", "First, renamed"));

        assertThat(ids(list("sort=-updatedAt"))).containsExactly(first, second);
        assertThat(ids(list("sort=createdAt"))).containsExactly(first, second);
        JsonNode page = list("sort=-createdAt&limit=1");
        assertThat(ids(page)).containsExactly(second);
        assertThat(ids(list("sort=-createdAt&limit=1&cursor="
                        + page.path("nextCursor").asString())))
                .containsExactly(first);
    }

    @Test
    void myTasksAreTheOnesAssignedToMeWhereIAmStillAMember() {
        User member = api.registerAndLogin(Board.unique("assignee"));
        expect(api.addMember(owner, workspace, member, "member"), 201);
        String first = create("First for them");
        String second = create("Second for them");
        create("Nobody's");
        assign(first, member.id());
        assign(second, member.id());

        JsonNode page = expect(api.get("/api/me/tasks?limit=1&minPosition=" + lastPosition, member.accessToken()), 200)
                .body();
        assertThat(ids(page)).containsExactly(second);
        JsonNode next = expect(
                        api.get(
                                "/api/me/tasks?limit=1&cursor="
                                        + page.path("nextCursor").asString(),
                                member.accessToken()),
                        200)
                .body();
        assertThat(ids(next)).containsExactly(first);
        assertThat(next.path("nextCursor").isNull()).isTrue();

        expect(api.delete("/api/workspaces/" + workspace + "/members/" + member.id(), owner.accessToken()), 200);
        assertThat(ids(expect(api.get("/api/me/tasks", member.accessToken()), 200)
                        .body()))
                .isEmpty();
    }

    @Test
    void badParametersAreNamedAndOtherProjectsAreNotFound() {
        create("One");
        create("Two");
        Api.Response bad = api.get(tasksPath() + "?status=doing&sort=random&dueBefore=soon", owner.accessToken());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemType()).isEqualTo("validation-failed");
        assertThat(bad.body()
                        .path("errors")
                        .valueStream()
                        .map(error -> error.path("parameter").asString()))
                .containsExactlyInAnyOrder("status", "sort", "dueBefore");

        String boardCursor = list("limit=1").path("nextCursor").asString();
        assertThat(api.get(tasksPath() + "?sort=createdAt&cursor=" + boardCursor, owner.accessToken())
                        .status())
                .isEqualTo(400);

        assertThat(api.get(
                                "/api/workspaces/" + workspace + "/projects/" + java.util.UUID.randomUUID() + "/tasks",
                                owner.accessToken())
                        .status())
                .isEqualTo(404);
        User stranger = api.registerAndLogin(Board.unique("stranger"));
        String theirWorkspace = api.createWorkspace(stranger, "Theirs");
        assertThat(api.get(
                                "/api/workspaces/" + theirWorkspace + "/projects/" + project + "/tasks",
                                stranger.accessToken())
                        .status())
                .isEqualTo(404);
    }

    private String create(String title) {
        Api.Response created = expect(api.createTask(owner, workspace, project, title), 201);
        lastPosition =
                Math.max(lastPosition, created.body().path("globalPosition").asLong());
        return created.text("id");
    }

    private void status(String task, String status) {
        track(expect(api.post(taskPath(task) + "/status", owner.accessToken(), Map.of("status", status)), 200));
    }

    private void assign(String task, String userId) {
        track(expect(api.post(taskPath(task) + "/assignee", owner.accessToken(), Map.of("assigneeId", userId)), 200));
    }

    private void patch(String task, Map<String, Object> changes) {
        track(expect(
                api.patch(taskPath(task), owner.accessToken(), changes, "Content-Type", "application/merge-patch+json"),
                200));
    }

    private void track(Api.Response write) {
        lastPosition =
                Math.max(lastPosition, write.body().path("globalPosition").asLong());
    }

    /** The list as of every write so far (read-your-writes), with {@code query} appended. */
    private JsonNode list(String query) {
        return expect(api.get(tasksPath() + "?minPosition=" + lastPosition + "&" + query, owner.accessToken()), 200)
                .body();
    }

    private String tasksPath() {
        return "/api/workspaces/" + workspace + "/projects/" + project + "/tasks";
    }

    private String taskPath(String task) {
        return "/api/workspaces/" + workspace + "/tasks/" + task;
    }

    private static List<String> ids(JsonNode page) {
        return page.path("items")
                .valueStream()
                .map(task -> task.path("id").asString())
                .toList();
    }
}
