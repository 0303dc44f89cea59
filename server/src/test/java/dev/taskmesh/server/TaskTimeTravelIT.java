package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A task's history and the task as it was at any instant, both from the event store. */
class TaskTimeTravelIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    User owner;
    String workspace;
    String task;

    @BeforeEach
    void task() {
        Board board = Board.create(api, jdbc, "Time travel");
        owner = board.owner();
        workspace = board.workspace();
        task = expect(api.createTask(owner, workspace, board.project(), "First title"), 201)
                .text("id");
    }

    @Test
    void theTaskAsItWasAtAnInstantIsRebuiltFromItsEvents() {
        Instant afterCreation = Instant.now();
        rename("Second title");
        expect(api.post(taskPath() + "/status", owner.accessToken(), Map.of("status", "in_progress")), 200);
        Api.Response last =
                expect(api.post(taskPath() + "/assignee", owner.accessToken(), Map.of("assigneeId", owner.id())), 200);

        JsonNode then = expect(api.get(taskPath() + "?asOf=" + afterCreation, owner.accessToken()), 200)
                .body();
        assertThat(then.path("title").asString()).isEqualTo("First title");
        assertThat(then.path("status").asString()).isEqualTo("todo");
        assertThat(then.path("version").asLong()).isZero();

        // the rebuilt present agrees with the read model, field by field
        JsonNode now = expect(api.get(taskPath() + "?asOf=" + Instant.now(), owner.accessToken()), 200)
                .body();
        JsonNode current =
                expect(api.readTask(owner, workspace, task, last), 200).body();
        for (String field : List.of(
                "title",
                "status",
                "priority",
                "assigneeId",
                "watchers",
                "rank",
                "labels",
                "version",
                "projectId",
                "createdBy")) {
            assertThat(now.path(field)).as(field).isEqualTo(current.path(field));
        }
    }

    @Test
    void beforeItsCreationAndAfterItsDeletionATaskIsNotFoundButItsHistoryRemains() {
        Instant beforeDeletion = Instant.now();
        expect(api.delete(taskPath(), owner.accessToken()), 200);

        assertThat(api.get(taskPath() + "?asOf=2020-01-01T00:00:00Z", owner.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get(taskPath() + "?asOf=" + Instant.now(), owner.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get(taskPath() + "?asOf=" + beforeDeletion, owner.accessToken())
                        .status())
                .isEqualTo(200);

        List<String> types = types(expect(api.get(taskPath() + "/history", owner.accessToken()), 200)
                .body());
        assertThat(types).containsExactly("TaskCreated", "TaskDeleted");
    }

    @Test
    void theHistoryListsEveryChangeWithActorAndTimeInPages() {
        rename("Two");
        rename("Three");
        rename("Four");

        JsonNode first = expect(api.get(taskPath() + "/history?limit=3", owner.accessToken()), 200)
                .body();
        assertThat(types(first)).containsExactly("TaskCreated", "TaskRenamed", "TaskRenamed");
        JsonNode created = first.path("items").get(0);
        assertThat(created.path("version").asLong()).isZero();
        assertThat(created.path("actor").asString()).isEqualTo(owner.id());
        assertThat(created.path("at").asString()).endsWith("Z");
        assertThat(created.path("change").path("title").asString()).isEqualTo("First title");

        JsonNode second = expect(
                        api.get(
                                taskPath() + "/history?limit=3&cursor="
                                        + first.path("nextCursor").asString(),
                                owner.accessToken()),
                        200)
                .body();
        assertThat(types(second)).containsExactly("TaskRenamed");
        assertThat(second.path("items").get(0).path("change").path("title").asString())
                .isEqualTo("Four");
        assertThat(second.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void anotherWorkspacesTaskHasNoHistoryHereAndABadInstantIsRefused() {
        User other = api.registerAndLogin(Board.unique("other"));
        String elsewhere = api.createWorkspace(other, "Elsewhere");
        assertThat(api.get("/api/workspaces/" + elsewhere + "/tasks/" + task + "/history", other.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get(
                                "/api/workspaces/" + elsewhere + "/tasks/" + task + "?asOf=" + Instant.now(),
                                other.accessToken())
                        .status())
                .isEqualTo(404);
        Api.Response bad = api.get(taskPath() + "?asOf=yesterday", owner.accessToken());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemType()).isEqualTo("validation-failed");
    }

    private void rename(String title) {
        expect(
                api.patch(
                        taskPath(),
                        owner.accessToken(),
                        Map.of("title", title),
                        "Content-Type",
                        "application/merge-patch+json"),
                200);
    }

    private String taskPath() {
        return "/api/workspaces/" + workspace + "/tasks/" + task;
    }

    private static List<String> types(JsonNode page) {
        return page.path("items")
                .valueStream()
                .map(item -> item.path("type").asString())
                .toList();
    }
}
