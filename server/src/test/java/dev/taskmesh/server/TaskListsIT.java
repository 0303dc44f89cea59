package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.Writes;
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
    Writes writes;

    @BeforeEach
    void board() {
        Board board = Board.create(api, jdbc, "Lists");
        owner = board.owner();
        workspace = board.workspace();
        project = board.project();
        writes = new Writes(api, owner, workspace, project);
    }

    @Test
    void theBoardComesColumnByColumnInRankOrderAcrossPages() {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(writes.create("Card " + i));
        }
        writes.status(tasks.get(0), "in_progress");
        writes.status(tasks.get(3), "in_progress");

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
        String urgent = writes.create("Urgent web fix");
        writes.patch(urgent, Map.of("priority", "high", "labels", List.of("web", "bug"), "dueDate", "2026-12-01"));
        String later = writes.create("Later");
        writes.patch(later, Map.of("labels", List.of("docs"), "dueDate", "2027-02-01"));
        String mine = writes.create("Mine");
        writes.assign(mine, owner.id());
        writes.status(mine, "in_progress");
        Api.Response created = expect(api.createTask(member, workspace, project, "Theirs"), 201);
        writes.track(created); // the lists below read at the position of every write, this one included
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
        String first = writes.create("First");
        String second = writes.create("Second");
        writes.patch(first, Map.of("title", "First, renamed"));

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
        String first = writes.create("First for them");
        String second = writes.create("Second for them");
        writes.create("Nobody's");
        writes.assign(first, member.id());
        writes.assign(second, member.id());

        JsonNode page = expect(
                        api.get("/api/me/tasks?limit=1&minPosition=" + writes.lastPosition(), member.accessToken()),
                        200)
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
        writes.create("One");
        writes.create("Two");
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

    /** The list as of every write so far (read-your-writes), with {@code query} appended. */
    private JsonNode list(String query) {
        return expect(
                        api.get(
                                tasksPath() + "?minPosition=" + writes.lastPosition() + "&" + query,
                                owner.accessToken()),
                        200)
                .body();
    }

    private String tasksPath() {
        return "/api/workspaces/" + workspace + "/projects/" + project + "/tasks";
    }

    private static List<String> ids(JsonNode page) {
        return page.path("items")
                .valueStream()
                .map(task -> task.path("id").asString())
                .toList();
    }
}
