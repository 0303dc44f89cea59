package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The skeleton's promise: register, log in, create a workspace, add a colleague, create a project and a task. */
class WalkingSkeletonIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void teamCreatesATaskAndReadsItBack() {
        User ada = api.registerAndLogin("ada");
        User bob = api.registerAndLogin("bob");
        String workspace = api.createWorkspace(ada, "Acme");
        expect(api.addMember(ada, workspace, bob, "member"), 201);
        String project = api.createProject(ada, workspace, "Launch");

        Api.Response created = expect(api.createTask(bob, workspace, project, "Write the press release"), 201);
        String taskId = created.text("id");
        assertThat(created.header("Location")).isEqualTo("/api/workspaces/" + workspace + "/tasks/" + taskId);
        assertThat(created.body().path("version").asLong()).isZero();
        long position = created.body().path("globalPosition").asLong();

        Api.Response task = expect(
                api.get(
                        "/api/workspaces/" + workspace + "/tasks/" + taskId + "?minPosition=" + position,
                        ada.accessToken()),
                200);
        assertThat(task.text("title")).isEqualTo("Write the press release");
        assertThat(task.text("status")).isEqualTo("todo");
        assertThat(task.text("projectId")).isEqualTo(project);
        assertThat(task.text("createdBy")).isEqualTo(bob.id());
        assertThat(task.header("ETag")).isEqualTo("\"0\"");
    }

    @Test
    void everyChangeIsStoredAsOneEventAtTheAnsweredPosition() {
        User ada = api.registerAndLogin("carol");
        String workspace = api.createWorkspace(ada, "Events");
        Api.Response project = expect(
                api.post("/api/workspaces/" + workspace + "/projects", ada.accessToken(), Map.of("name", "P")), 201);

        Map<String, Object> stored = jdbc.sql(
                        "SELECT aggregate_identifier, sequence_number, payload_type FROM domain_event_entry WHERE global_index = :position")
                .param("position", project.body().path("globalPosition").asLong())
                .query()
                .singleRow();
        assertThat(stored)
                .containsEntry("aggregate_identifier", project.text("id"))
                .containsEntry("sequence_number", 0L)
                .containsEntry("payload_type", "dev.taskmesh.api.project.ProjectCreatedEvent");
    }

    @Test
    void aNewMemberActsAtOnceWithTheTokenTheyAlreadyHave() {
        User owner = api.registerAndLogin("dana");
        User newcomer = api.registerAndLogin("erin");
        String workspace = api.createWorkspace(owner, "Immediate");
        String project = api.createProject(owner, workspace, "P");
        assertThat(api.createTask(newcomer, workspace, project, "too early").status())
                .isEqualTo(404);

        expect(api.addMember(owner, workspace, newcomer, "member"), 201);

        expect(api.createTask(newcomer, workspace, project, "right after being added"), 201);
    }

    @Test
    void listsArePagedWithOpaqueCursors() {
        User owner = api.registerAndLogin("frank");
        String workspace = api.createWorkspace(owner, "Paged");
        long last = 0;
        for (String name : List.of("one", "two", "three")) {
            last = expect(
                            api.post(
                                    "/api/workspaces/" + workspace + "/projects",
                                    owner.accessToken(),
                                    Map.of("name", name)),
                            201)
                    .body()
                    .path("globalPosition")
                    .asLong();
        }
        String path = "/api/workspaces/" + workspace + "/projects?limit=2&minPosition=" + last;

        Api.Response first = expect(api.get(path, owner.accessToken()), 200);
        assertThat(first.body().path("items").findValuesAsString("name")).containsExactly("one", "two");
        String cursor = first.text("nextCursor");
        Api.Response second = expect(api.get(path + "&cursor=" + cursor, owner.accessToken()), 200);

        assertThat(second.body().path("items").findValuesAsString("name")).containsExactly("three");
        assertThat(second.body().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void membersAndWorkspacesAreListedForMembersOnly() {
        User owner = api.registerAndLogin("gina");
        User viewer = api.registerAndLogin("hank");
        String workspace = api.createWorkspace(owner, "Listed");
        expect(api.addMember(owner, workspace, viewer, "viewer"), 201);

        Api.Response members = expect(api.get("/api/workspaces/" + workspace + "/members", viewer.accessToken()), 200);
        assertThat(members.body().path("items").findValuesAsString("handle")).containsExactly("gina", "hank");
        assertThat(members.body().path("items").findValuesAsString("role")).containsExactly("owner", "viewer");

        Api.Response mine = expect(api.get("/api/workspaces", viewer.accessToken()), 200);
        assertThat(mine.body().path("items").findValuesAsString("name")).containsExactly("Listed");
        assertThat(expect(api.get("/api/workspaces/" + workspace, viewer.accessToken()), 200)
                        .text("role"))
                .isEqualTo("viewer");
    }
}
