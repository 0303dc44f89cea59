package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Everything a team does to a task, over HTTP, read back from the task view. */
class TaskChangesIT extends IntegrationTest {

    private User owner;
    private User member;
    private User viewer;
    private String workspace;
    private String project;
    private String task;

    @BeforeEach
    void aTaskInAProject() {
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        owner = api.registerAndLogin("owner" + suffix);
        member = api.registerAndLogin("member" + suffix);
        viewer = api.registerAndLogin("viewer" + suffix);
        workspace = api.createWorkspace(owner, "Board");
        expect(api.addMember(owner, workspace, member, "member"), 201);
        expect(api.addMember(owner, workspace, viewer, "viewer"), 201);
        project = api.createProject(owner, workspace, "P");
        task = expect(api.createTask(member, workspace, project, "Draft"), 201).text("id");
    }

    @Test
    void aMergePatchChangesWhatItNamesAndClearsWhatItNulls() {
        Api.Response first = expect(
                api.patch(
                        taskPath(),
                        member.accessToken(),
                        Map.of(
                                "title", "Final",
                                "description", "all of it",
                                "priority", "high",
                                "dueDate", "2026-12-31",
                                "labels", List.of("release", "web")),
                        "Content-Type",
                        "application/merge-patch+json"),
                200);
        assertThat(first.body().path("version").asLong()).isEqualTo(5);
        Map<String, Object> clear = new HashMap<>();
        clear.put("description", null);
        clear.put("labels", null);
        Api.Response second = expect(api.patch(taskPath(), member.accessToken(), clear), 200);

        Api.Response read = expect(api.readTask(member, workspace, task, second), 200);
        assertThat(read.text("title")).isEqualTo("Final");
        assertThat(read.body().path("description").isNull()).isTrue();
        assertThat(read.text("priority")).isEqualTo("high");
        assertThat(read.text("dueDate")).isEqualTo("2026-12-31");
        assertThat(read.body().path("labels").size()).isZero();
        assertThat(read.header("ETag")).isEqualTo("\"7\"");
    }

    @Test
    void aPatchNamesEveryInvalidField() {
        Map<String, Object> patch = new HashMap<>();
        patch.put("title", null);
        patch.put("priority", "critical");
        patch.put("dueDate", "tomorrow");
        patch.put("labels", List.of("x".repeat(51)));
        patch.put("colour", "red");

        Api.Response response = api.patch(taskPath(), member.accessToken(), patch);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").findValuesAsString("pointer"))
                .containsExactlyInAnyOrder("/title", "/priority", "/dueDate", "/labels/0", "/colour");
    }

    @Test
    void assigningAMemberMakesThemAWatcher() {
        Api.Response assigned =
                expect(api.post(taskPath() + "/assignee", member.accessToken(), Map.of("assigneeId", owner.id())), 200);

        Api.Response read = expect(api.readTask(member, workspace, task, assigned), 200);
        assertThat(read.text("assigneeId")).isEqualTo(owner.id());
        assertThat(read.body().path("watchers").valueStream().map(node -> node.asString()))
                .containsExactly(member.id(), owner.id());
    }

    @Test
    void onlyMembersCanBeAssigned() {
        User stranger = api.registerAndLogin("stranger" + System.nanoTime() % 1_000_000);

        Api.Response response =
                api.post(taskPath() + "/assignee", member.accessToken(), Map.of("assigneeId", stranger.id()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").findValuesAsString("pointer")).containsExactly("/assigneeId");
    }

    @Test
    void viewersWatchButDoNotWrite() {
        Api.Response watching = expect(api.post(taskPath() + "/watchers", viewer.accessToken(), Map.of()), 200);
        assertThat(api.patch(taskPath(), viewer.accessToken(), Map.of("title", "x"))
                        .status())
                .isEqualTo(403);

        Api.Response read = expect(api.readTask(viewer, workspace, task, watching), 200);
        assertThat(read.body().path("watchers").valueStream().map(node -> node.asString()))
                .contains(viewer.id());
        Api.Response stopped = expect(api.delete(taskPath() + "/watchers", viewer.accessToken()), 200);
        assertThat(expect(api.readTask(viewer, workspace, task, stopped), 200)
                        .body()
                        .path("watchers")
                        .valueStream()
                        .map(node -> node.asString()))
                .doesNotContain(viewer.id());
    }

    @Test
    void statusFollowsTheWorkflowAndRefusalsListTheWayOut() {
        expect(api.post(taskPath() + "/status", member.accessToken(), Map.of("status", "in_progress")), 200);

        Api.Response refused = api.post(taskPath() + "/status", member.accessToken(), Map.of("status", "backlog"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("allowedStatuses").valueStream().map(node -> node.asString()))
                .containsExactly("cancelled", "done", "in_review", "todo");
        assertThat(api.post(taskPath() + "/status", member.accessToken(), Map.of("status", "finished"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void cardsAreOrderedByRankAndMovingOneRewritesOnlyIt() {
        String second = expect(api.createTask(member, workspace, project, "Second"), 201)
                .text("id");
        String third =
                expect(api.createTask(member, workspace, project, "Third"), 201).text("id");

        Api.Response ranked = expect(
                api.post(
                        "/api/workspaces/" + workspace + "/tasks/" + third + "/rank",
                        member.accessToken(),
                        Map.of("after", task, "before", second)),
                200);

        String firstRank = rankOf(task, ranked);
        String secondRank = rankOf(second, ranked);
        String thirdRank = rankOf(third, ranked);
        assertThat(List.of(firstRank, thirdRank, secondRank)).isSorted();
        assertThat(expect(api.readTask(member, workspace, second, ranked), 200).header("ETag"))
                .isEqualTo("\"0\"");
    }

    @Test
    void aCardPlacedAfterAnotherStaysAboveTheOneThatFollowed() {
        String second = expect(api.createTask(member, workspace, project, "Second"), 201)
                .text("id");
        String third =
                expect(api.createTask(member, workspace, project, "Third"), 201).text("id");

        Api.Response ranked = expect(
                api.post(
                        "/api/workspaces/" + workspace + "/tasks/" + third + "/rank",
                        member.accessToken(),
                        Map.of("after", task)),
                200);

        assertThat(List.of(rankOf(task, ranked), rankOf(third, ranked), rankOf(second, ranked)))
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void tasksMoveToAnotherProjectOfTheWorkspace() {
        String other = api.createProject(owner, workspace, "Other");

        Api.Response moved =
                expect(api.post(taskPath() + "/move", member.accessToken(), Map.of("projectId", other)), 200);

        assertThat(expect(api.readTask(member, workspace, task, moved), 200).text("projectId"))
                .isEqualTo(other);
    }

    @Test
    void deletedTasksAreGone() {
        Api.Response deleted = expect(api.delete(taskPath(), member.accessToken()), 200);

        assertThat(api.readTask(member, workspace, task, deleted).status()).isEqualTo(404);
        assertThat(api.patch(taskPath(), member.accessToken(), Map.of("title", "back"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void archivedProjectsTakeNoTasksUntilUnarchived() {
        Api.Response archived = expect(
                api.patch(
                        "/api/workspaces/" + workspace + "/projects/" + project,
                        owner.accessToken(),
                        Map.of("archived", true, "name", "Old")),
                200);
        assertThat(api.createTask(member, workspace, project, "late").status()).isEqualTo(409);
        Api.Response read = expect(
                api.get(
                        "/api/workspaces/" + workspace + "/projects/" + project + "?minPosition="
                                + archived.body().path("globalPosition").asLong(),
                        member.accessToken()),
                200);
        assertThat(read.body().path("archived").asBoolean()).isTrue();
        assertThat(read.text("name")).isEqualTo("Old");

        expect(
                api.patch(
                        "/api/workspaces/" + workspace + "/projects/" + project,
                        owner.accessToken(),
                        Map.of("archived", false)),
                200);
        expect(api.createTask(member, workspace, project, "welcome again"), 201);
    }

    @Test
    void membersDoNotManageProjects() {
        assertThat(api.patch(
                                "/api/workspaces/" + workspace + "/projects/" + project,
                                member.accessToken(),
                                Map.of("name", "Mine"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aTaskOfAnotherWorkspaceIsUnknownHere() {
        String otherWorkspace = api.createWorkspace(member, "Elsewhere");

        String elsewhere = "/api/workspaces/" + otherWorkspace + "/tasks/" + task;

        assertThat(api.patch(elsewhere, member.accessToken(), Map.of("title", "x"))
                        .status())
                .isEqualTo(404);
        // a version check before the workspace check would answer 412 here, and so tell that the id exists
        assertThat(api.patch(elsewhere, member.accessToken(), Map.of("title", "x"), "If-Match", "\"9999\"")
                        .status())
                .isEqualTo(404);
    }

    private String taskPath() {
        return "/api/workspaces/" + workspace + "/tasks/" + task;
    }

    private String rankOf(String taskId, Api.Response after) {
        return expect(api.readTask(member, workspace, taskId, after), 200).text("rank");
    }
}
