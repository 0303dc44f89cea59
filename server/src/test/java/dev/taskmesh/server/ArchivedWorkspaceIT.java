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

/** An archived workspace over HTTP: everything in it reads as before, nothing in it changes, until it is unarchived. */
class ArchivedWorkspaceIT extends IntegrationTest {

    private User owner;
    private User admin;
    private User member;
    private String workspace;
    private String project;
    private String task;

    @BeforeEach
    void aWorkspaceWithWork() {
        owner = api.registerAndLogin(unique("owner"));
        admin = api.registerAndLogin(unique("admin"));
        member = api.registerAndLogin(unique("member"));
        workspace = api.createWorkspace(owner, "Archive me");
        expect(api.addMember(owner, workspace, admin, "admin"), 201);
        expect(api.addMember(owner, workspace, member, "member"), 201);
        project = api.createProject(owner, workspace, "Old project");
        task = expect(api.createTask(member, workspace, project, "Old task"), 201)
                .text("id");
    }

    @Test
    void anArchivedWorkspaceReadsAsBeforeAndChangesNothing() {
        expect(archive(owner, true), 200);

        assertThat(expect(api.get("/api/workspaces/" + workspace, member.accessToken()), 200)
                        .body()
                        .path("archived")
                        .asBoolean())
                .isTrue();
        expect(api.get(tasks() + "/" + task, member.accessToken()), 200);
        assertThat(api.createTask(member, workspace, project, "New task").status())
                .isEqualTo(409);
        assertThat(api.patch(tasks() + "/" + task, member.accessToken(), Map.of("title", "Renamed"))
                        .status())
                .isEqualTo(409);
        Api.Response comment =
                api.post(tasks() + "/" + task + "/comments", member.accessToken(), Map.of("body", "Too late"));
        assertThat(comment.status()).isEqualTo(409);
        assertThat(comment.problemType()).isEqualTo("conflict");
        assertThat(api.post("/api/workspaces/" + workspace + "/projects", owner.accessToken(), Map.of("name", "New"))
                        .status())
                .isEqualTo(409);
        User newcomer = api.registerAndLogin(unique("newcomer"));
        assertThat(api.addMember(owner, workspace, newcomer, "member").status()).isEqualTo(409);
        assertThat(expect(api.get(tasks() + "/" + task, member.accessToken()), 200)
                        .text("title"))
                .isEqualTo("Old task");
    }

    @Test
    void membersMayStillLeaveAnArchivedWorkspace() {
        expect(archive(owner, true), 200);

        expect(api.delete("/api/workspaces/" + workspace + "/members/" + member.id(), member.accessToken()), 200);
        assertThat(api.get("/api/workspaces/" + workspace, member.accessToken()).status())
                .isEqualTo(404);
    }

    @Test
    void onlyOwnersArchiveAndUnarchivingOpensItAgain() {
        assertThat(archive(admin, true).status()).isEqualTo(403);
        assertThat(archive(member, true).status()).isEqualTo(403);
        assertThat(api.patch("/api/workspaces/" + workspace, owner.accessToken(), Map.of("archived", "yes"))
                        .status())
                .isEqualTo(400);

        expect(archive(owner, true), 200);
        Api.Response unarchived = expect(archive(owner, false), 200);

        assertThat(unarchived.body().path("version").asLong()).isGreaterThan(0);
        expect(api.createTask(member, workspace, project, "New task"), 201);
    }

    private Api.Response archive(User by, boolean archived) {
        return api.patch("/api/workspaces/" + workspace, by.accessToken(), Map.of("archived", archived));
    }

    private String tasks() {
        return "/api/workspaces/" + workspace + "/tasks";
    }
}
