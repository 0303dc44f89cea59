package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommentsIT extends IntegrationTest {

    private User admin;
    private User author;
    private User colleague;
    private String workspace;
    private String commentsPath;

    @BeforeEach
    void aTaskToTalkAbout() {
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        admin = api.registerAndLogin("admin" + suffix);
        author = api.registerAndLogin("author" + suffix);
        colleague = api.registerAndLogin("colleague" + suffix);
        workspace = api.createWorkspace(admin, "Talk");
        expect(api.addMember(admin, workspace, author, "member"), 201);
        expect(api.addMember(admin, workspace, colleague, "member"), 201);
        String project = api.createProject(admin, workspace, "P");
        String task = expect(api.createTask(author, workspace, project, "Discuss"), 201)
                .text("id");
        commentsPath = "/api/workspaces/" + workspace + "/tasks/" + task + "/comments";
    }

    @Test
    void mentionsOfMembersAreResolvedAndOthersStayText() {
        String body = "@" + colleague.handle() + " please review, cc @nobody_here";

        Api.Response posted = expect(api.post(commentsPath, author.accessToken(), Map.of("body", body)), 201);

        Api.Response list = expect(
                api.get(
                        commentsPath + "?minPosition="
                                + posted.body().path("globalPosition").asLong(),
                        author.accessToken()),
                200);
        assertThat(list.body().path("items").size()).isEqualTo(1);
        Api.Response comment = expect(api.get(posted.header("Location"), author.accessToken()), 200);
        assertThat(comment.text("body")).isEqualTo(body);
        assertThat(comment.body().path("mentions").valueStream().map(node -> node.asString()))
                .containsExactly(colleague.id());
    }

    @Test
    void onlyTheAuthorEditsAndAdminsMayDelete() {
        Api.Response posted = expect(api.post(commentsPath, author.accessToken(), Map.of("body", "v1")), 201);
        String path = posted.header("Location");

        assertThat(api.patch(path, colleague.accessToken(), Map.of("body", "mine"))
                        .status())
                .isEqualTo(403);
        assertThat(api.delete(path, colleague.accessToken()).status()).isEqualTo(403);
        Api.Response edited = expect(api.patch(path, author.accessToken(), Map.of("body", "v2")), 200);
        assertThat(edited.body().path("version").asLong()).isEqualTo(1);
        Api.Response deleted = expect(api.delete(path, admin.accessToken()), 200);

        assertThat(api.get(
                                path + "?minPosition="
                                        + deleted.body().path("globalPosition").asLong(),
                                author.accessToken())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void bodiesAreOneToTenThousandCharacters() {
        assertThat(api.post(commentsPath, author.accessToken(), Map.of("body", " "))
                        .status())
                .isEqualTo(400);
        assertThat(api.post(commentsPath, author.accessToken(), Map.of("body", "x".repeat(10_001)))
                        .status())
                .isEqualTo(400);
        expect(api.post(commentsPath, author.accessToken(), Map.of("body", "é".repeat(10_000))), 201);
    }

    @Test
    void deletedTasksTakeNoComments() {
        String taskPath = commentsPath.substring(0, commentsPath.length() - "/comments".length());
        expect(api.delete(taskPath, author.accessToken()), 200);

        assertThat(api.post(commentsPath, author.accessToken(), Map.of("body", "late"))
                        .status())
                .isEqualTo(404);
    }
}
