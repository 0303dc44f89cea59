package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static dev.taskmesh.server.support.Board.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deleting a project over HTTP: it goes with all its tasks and their comments, in one step, and nothing else does. */
class DeletedProjectIT extends IntegrationTest {

    private User admin;
    private User member;
    private String workspace;
    private String project;
    private String other;
    private String task;
    private String otherTask;

    @BeforeEach
    void twoProjects() {
        User owner = api.registerAndLogin(unique("owner"));
        admin = api.registerAndLogin(unique("admin"));
        member = api.registerAndLogin(unique("member"));
        workspace = api.createWorkspace(owner, "Projects");
        expect(api.addMember(owner, workspace, admin, "admin"), 201);
        expect(api.addMember(owner, workspace, member, "member"), 201);
        project = api.createProject(admin, workspace, "Obsolete");
        other = api.createProject(admin, workspace, "Current");
        task = expect(api.createTask(member, workspace, project, "Obsolete plan"), 201)
                .text("id");
        expect(api.createTask(member, workspace, project, "Obsolete review"), 201);
        expect(
                api.post(tasks() + "/" + task + "/comments", member.accessToken(), Map.of("body", "Obsolete remark")),
                201);
        otherTask = expect(api.createTask(member, workspace, other, "Current plan"), 201)
                .text("id");
    }

    @Test
    void aDeletedProjectGoesWithItsTasksAndNothingElse() {
        Api.Response deleted = expect(api.delete(projects() + "/" + project, admin.accessToken()), 200);
        long at = deleted.body().path("globalPosition").asLong();

        assertThat(api.get(projects() + "/" + project + "?minPosition=" + at, member.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get(tasks() + "/" + task + "?minPosition=" + at, member.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(expect(api.get(projects() + "?minPosition=" + at, member.accessToken()), 200)
                        .rawBody())
                .doesNotContain(project)
                .contains(other);
        assertThat(expect(api.get(searchFor("obsolete") + "&minPosition=" + at, member.accessToken()), 200)
                        .body()
                        .path("items")
                        .size())
                .isZero();
        assertThat(api.createTask(member, workspace, project, "Too late").status())
                .isEqualTo(404);
        assertThat(expect(api.get(tasks() + "/" + otherTask, member.accessToken()), 200)
                        .text("title"))
                .isEqualTo("Current plan");
    }

    @Test
    void membersDoNotDeleteProjectsAndAStaleVersionDeletesNothing() {
        assertThat(api.delete(projects() + "/" + project, member.accessToken()).status())
                .isEqualTo(403);
        assertThat(api.delete(projects() + "/" + project, admin.accessToken(), "If-Match", "\"7\"")
                        .status())
                .isEqualTo(412);

        expect(api.get(projects() + "/" + project, member.accessToken()), 200);
        expect(api.get(tasks() + "/" + task, member.accessToken()), 200);
    }

    private String projects() {
        return "/api/workspaces/" + workspace + "/projects";
    }

    private String tasks() {
        return "/api/workspaces/" + workspace + "/tasks";
    }

    private String searchFor(String words) {
        return "/api/workspaces/" + workspace + "/search?q=" + words;
    }
}
