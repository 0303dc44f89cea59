package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Problems answer in the order 401 → 404 → 403 → 400 → 409, so a caller learns nothing it may not know: who is
 * anonymous learns nothing, who is outside a workspace cannot tell it exists, and so on.
 */
class ErrorOrderIT extends IntegrationTest {

    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    private User owner;
    private User viewer;
    private User outsider;
    private String workspace;
    private String project;

    @BeforeEach
    void workspaceWithAViewerAndAnOutsider() {
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        owner = api.registerAndLogin("owner" + suffix);
        viewer = api.registerAndLogin("viewer" + suffix);
        outsider = api.registerAndLogin("outsider" + suffix);
        workspace = api.createWorkspace(owner, "Guarded");
        expect(api.addMember(owner, workspace, viewer, "viewer"), 201);
        project = api.createProject(owner, workspace, "P");
    }

    @Test
    void anonymousCallersGet401BeforeAnythingElse() {
        Api.Response response = api.postRaw("/api/workspaces/" + UNKNOWN + "/projects", null, "{not json");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.problemType()).isEqualTo("unauthenticated");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void encodedOrParameterisedPathsDoNotSlipPastAuthentication() {
        assertThat(api.get("/%61pi/workspaces", null).status()).isEqualTo(401);
        assertThat(api.get("/api;x=y/workspaces", null).status()).isEqualTo(401);
    }

    @Test
    void aWorkspaceOfOthersLooksExactlyLikeOneThatDoesNotExist() {
        Api.Response foreign = api.get("/api/workspaces/" + workspace + "/projects", outsider.accessToken());
        Api.Response unknown = api.get("/api/workspaces/" + UNKNOWN + "/projects", outsider.accessToken());
        Api.Response malformed = api.get("/api/workspaces/not-a-uuid/projects", outsider.accessToken());

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().path("detail")).isEqualTo(unknown.body().path("detail"));
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(foreign.problemType()).isEqualTo("not-found");
    }

    @Test
    void outsidersGet404EvenWhenTheirRoleAndBodyWouldAlsoFail() {
        Api.Response response = api.postRaw(
                "/api/workspaces/" + workspace + "/projects/" + project + "/tasks", outsider.accessToken(), "{bad");

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void viewersGet403BeforeTheirBodyIsRead() {
        Api.Response response = api.postRaw(
                "/api/workspaces/" + workspace + "/projects/" + project + "/tasks", viewer.accessToken(), "{bad");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.problemType()).isEqualTo("forbidden");
    }

    @Test
    void membersCannotManageProjectsOrMembers() {
        User member = api.registerAndLogin("member" + System.nanoTime() % 1_000_000);
        expect(api.addMember(owner, workspace, member, "member"), 201);

        assertThat(api.post("/api/workspaces/" + workspace + "/projects", member.accessToken(), Map.of("name", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(api.addMember(member, workspace, outsider, "member").status())
                .isEqualTo(403);
    }

    @Test
    void malformedJsonIs400() {
        Api.Response response = api.postRaw("/api/workspaces", owner.accessToken(), "{\"name\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("malformed-request");
    }

    @Test
    void everyInvalidFieldIsNamedByItsPointer() {
        Api.Response response = api.post(
                "/api/auth/register",
                null,
                Map.of("email", "not-an-email", "handle", "x!", "displayName", " ", "password", "short"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("validation-failed");
        assertThat(response.body().path("errors").findValuesAsString("pointer"))
                .containsExactlyInAnyOrder("/email", "/handle", "/displayName", "/password");
    }

    @Test
    void titlesCountCharactersNotUtf16Units() {
        String twoHundredEmoji = "😀".repeat(200);

        expect(api.createTask(owner, workspace, project, twoHundredEmoji), 201);
        Api.Response tooLong = api.createTask(owner, workspace, project, twoHundredEmoji + "x");

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("errors").findValuesAsString("pointer")).containsExactly("/title");
    }

    @Test
    void anUnknownProjectIs404() {
        Api.Response response = api.createTask(owner, workspace, UNKNOWN, "t");

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void addingSomeoneTwiceIsAConflict() {
        Api.Response again = api.addMember(owner, workspace, viewer, "member");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemType()).isEqualTo("conflict");
    }

    @Test
    void addingAnUnknownUserNamesTheField() {
        Api.Response response = api.post(
                "/api/workspaces/" + workspace + "/members",
                owner.accessToken(),
                Map.of("userId", UNKNOWN, "role", "member"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").findValuesAsString("pointer")).containsExactly("/userId");
    }

    @Test
    void bodiesOverTheLimitAre413AndChangeNothing() {
        String huge = "{\"name\":\"" + "x".repeat(300 * 1024) + "\"}";

        Api.Response response = api.postRaw("/api/workspaces", owner.accessToken(), huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.problemType()).isEqualTo("payload-too-large");
        assertThat(expect(api.get("/api/workspaces", owner.accessToken()), 200)
                        .body()
                        .path("items")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimitToo() throws Exception {
        byte[] huge =
                ("{\"name\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.base() + "/api/workspaces"))
                .header("Authorization", "Bearer " + owner.accessToken())
                .header("Content-Type", "application/json")
                // a stream of unknown length goes out chunked, with no Content-Length to refuse up front
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge)))
                .build();

        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(expect(api.get("/api/workspaces", owner.accessToken()), 200)
                        .body()
                        .path("items")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void aPatchThatIsNotJsonIs415() {
        Api.Response response = api.patch(
                "/api/workspaces/" + workspace + "/projects/" + project,
                owner.accessToken(),
                "name=x",
                "Content-Type",
                "text/plain");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.problemType()).isEqualTo("unsupported-media-type");
    }

    @Test
    void badPagingParametersAre400() {
        assertThat(api.get("/api/workspaces?limit=0", owner.accessToken()).status())
                .isEqualTo(400);
        assertThat(api.get("/api/workspaces?limit=201", owner.accessToken()).status())
                .isEqualTo(400);
        Api.Response cursor = api.get("/api/workspaces?cursor=bm9wZQ", owner.accessToken());
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.body().path("errors").findValuesAsString("parameter")).containsExactly("cursor");
    }

    @Test
    void unknownTasksAndRoutesAre404() {
        assertThat(api.get("/api/workspaces/" + workspace + "/tasks/" + UNKNOWN, owner.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/nothing-here", owner.accessToken()).problemType())
                .isEqualTo("not-found");
    }
}
