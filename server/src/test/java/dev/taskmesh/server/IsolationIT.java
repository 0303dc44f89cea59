package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * No door into another workspace. Every route of the running application is walked as an intruder, a user with a
 * workspace of their own: each route that names a workspace (or another user's row) answers 404 with nothing of it in
 * the body, and each of the intruder's own routes shows none of the victims' rows and changes none of them. The routes
 * come from the application's mappings, and each must belong to a kind this test knows: a new endpoint is walked the
 * day it is added, or fails here until someone says which kind it is.
 */
class IsolationIT extends IntegrationTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    /** Outside the walk: public sign-in routes, the operator's API (its own credential), the API description. */
    /** Routes for no signed-in user: the signed download links (/files) are tried in AttachmentsIT. */
    private static final List<String> NOT_USER_ROUTES =
            List.of("/api/auth/", "/admin/", "/v3/api-docs", "/error", "/files/");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private User owner;
    private User member;
    private User intruder;
    private Map<String, String> victimIds;
    private List<String> secrets;
    private List<String> victimsView;
    /** the position of the victims' last write: reads at it see all of their rows */
    private long lastWrite;

    /**
     * The victims: an owner and a member of a workspace with a project, a task assigned to the member, a comment, a
     * notification of the member's and a time zone of their own. The intruder has a workspace of their own.
     */
    @BeforeEach
    void aWorkspaceFullOfRowsAndAnIntruder() {
        owner = api.registerAndLogin(Board.unique("owner"));
        member = api.registerAndLogin(Board.unique("member"));
        intruder = api.registerAndLogin(Board.unique("intruder"));
        api.createWorkspace(intruder, "Intruder's own");
        String workspace = api.createWorkspace(owner, "Secret workspace Zanzibar");
        expect(api.addMember(owner, workspace, member, "member"), 201);
        String project = api.createProject(owner, workspace, "Secret project Quixote");
        String task = expect(api.createTask(owner, workspace, project, "Secret task Xylophone"), 201)
                .text("id");
        expect(
                api.send(
                        "PUT",
                        "/api/me/notification-preferences",
                        member.accessToken(),
                        Map.of("timeZone", "Pacific/Chatham", "kinds", Map.of())),
                200);
        String tasks = "/api/workspaces/" + workspace + "/tasks/" + task;
        expect(api.post(tasks + "/assignee", owner.accessToken(), Map.of("assigneeId", member.id())), 200);
        Api.Response commented = expect(
                api.post(
                        tasks + "/comments",
                        owner.accessToken(),
                        Map.of("body", "Secret comment Vermilion @" + member.handle())),
                201);
        String comment = commented.text("id");
        String attachment = expect(
                        api.upload(
                                tasks + "/attachments",
                                owner.accessToken(),
                                "file",
                                "Secret file Ultramarine.txt",
                                "text/plain",
                                "Secret content".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        202)
                .text("id");
        // scanned before the walk, so the victims' view does not change under it
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get(tasks + "/attachments/" + attachment, owner.accessToken())
                                .body()
                                .path("status")
                                .asString(),
                        "clean"::equals);
        lastWrite = commented.body().path("globalPosition").asLong();
        // an invitation to someone else: its id alone must open nothing
        String invitee = Board.unique("invitee") + "@example.com";
        expect(
                api.post(
                        "/api/workspaces/" + workspace + "/invitations",
                        owner.accessToken(),
                        Map.of("email", invitee, "role", "admin")),
                202);
        String invitation = expect(api.get("/api/workspaces/" + workspace + "/invitations", owner.accessToken()), 200)
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        String notification = expect(
                        api.get("/api/me/notifications?minPosition=" + lastWrite, member.accessToken()), 200)
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        victimIds = Map.of(
                "ws", workspace,
                "p", project,
                "t", task,
                "c", comment,
                "a", attachment,
                "userId", member.id(),
                "id", notification,
                "invitation", invitation);
        victimsView = victimsView();
        secrets = List.of(
                "Zanzibar",
                "Quixote",
                "Xylophone",
                "Vermilion",
                "Ultramarine",
                "Pacific/Chatham",
                owner.email(),
                member.email(),
                invitee,
                owner.handle(),
                member.handle(),
                workspace,
                project,
                task,
                comment,
                attachment,
                notification);
    }

    @Test
    void everyRouteNamingAnotherWorkspacesRowIsNotFoundAndShowsNothing() {
        List<Route> walked = new ArrayList<>();
        for (Route route : routes()) {
            if (!route.namesAVictimsRow()) {
                continue;
            }
            String path = route.path(victimIds);
            Api.Response answer = api.send(route.method(), path, intruder.accessToken(), route.body());

            assertThat(answer.status()).as(route.toString()).isEqualTo(404);
            assertThat(answer.problemType()).as(route.toString()).isEqualTo("not-found");
            assertThat(answer.rawBody()).as(route.toString()).doesNotContain(secretsNotIn(path));
            walked.add(route);
        }
        // a walk over nothing proves nothing: the workspace's routes, and a user's own row by id, were all walked
        assertThat(walked)
                .extracting(Route::pattern)
                .contains(
                        "/api/workspaces/{ws}",
                        "/api/workspaces/{ws}/tasks/{t}",
                        "/api/workspaces/{ws}/tasks/{t}/comments/{c}",
                        "/api/workspaces/{ws}/tasks/{t}/attachments/{a}",
                        "/api/workspaces/{ws}/search",
                        "/api/me/notifications/{id}/read",
                        "/api/invitations/{invitation}/accept")
                .hasSizeGreaterThan(25);
        assertTheVictimsRowsAreUnchanged();
    }

    @Test
    void everyRouteOfTheCallersOwnShowsNoneOfAnothersRowsAndChangesNone() {
        List<Route> walked = new ArrayList<>();
        for (Route route : routes()) {
            if (route.namesAVictimsRow()) {
                continue;
            }
            Api.Response answer = api.send(route.method(), route.pattern(), intruder.accessToken(), route.body());

            assertThat(answer.status()).as(route.toString()).isLessThan(500);
            assertThat(answer.rawBody()).as(route.toString()).doesNotContain(secrets);
            walked.add(route);
        }
        assertThat(walked)
                .extracting(Route::pattern)
                .contains(
                        "/api/workspaces",
                        "/api/me/tasks",
                        "/api/me/feed",
                        "/api/me/notifications",
                        "/api/me/notifications/read-all",
                        "/api/me/notification-preferences");
        assertTheVictimsRowsAreUnchanged();
    }

    /** After the walk, the victims see what they saw before it: nothing of theirs was removed or changed. */
    private void assertTheVictimsRowsAreUnchanged() {
        assertThat(victimsView()).isEqualTo(victimsView);
    }

    /** What the victims see of their rows, each as the API answers it. */
    private List<String> victimsView() {
        String workspace = "/api/workspaces/" + victimIds.get("ws");
        String task = workspace + "/tasks/" + victimIds.get("t");
        List<String> view = new ArrayList<>();
        for (String path : List.of(
                workspace,
                workspace + "/members",
                workspace + "/projects/" + victimIds.get("p"),
                task,
                task + "/comments",
                task + "/attachments",
                workspace + "/invitations")) {
            // a download link is made anew for each answer: its expiry and signature are not the row's
            view.add(expect(api.get(path + "?minPosition=" + lastWrite, owner.accessToken()), 200)
                    .rawBody()
                    .replaceAll("expires=\\d+&signature=[\\w-]+", "expires=…"));
        }
        for (String path : List.of(
                "/api/me/tasks",
                "/api/me/notifications",
                "/api/me/notifications/unread-count",
                "/api/me/notification-preferences")) {
            view.add(expect(api.get(path + "?minPosition=" + lastWrite, member.accessToken()), 200)
                    .rawBody());
        }
        return view;
    }

    /** The secrets the intruder did not put in the path: a problem may name the path it answers. */
    private String[] secretsNotIn(String path) {
        return secrets.stream().filter(secret -> !path.contains(secret)).toArray(String[]::new);
    }

    /** Every route the application maps for signed-in users, each classified, in a stable order. */
    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (NOT_USER_ROUTES.stream().anyMatch(pattern::startsWith)) {
                    continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    routes.add(new Route("GET", pattern)); // a mapping for any method: walked as a read
                }
                methods.forEach(method -> routes.add(new Route(method.name(), pattern)));
            }
        });
        routes.sort(Comparator.comparing(Route::pattern).thenComparing(Route::method));
        assertThat(routes)
                .as("every user route is either under a workspace, the caller's own (/api/me, /api/users/me,"
                        + " /api/workspaces) or an invitation's: a route of another kind needs a rule in this test")
                .allSatisfy(route -> assertThat(route.pattern())
                        .matches("/api/(workspaces|me|users/me|invitations/\\{invitation})(/.*)?"));
        return routes;
    }

    /** One method on one path pattern. */
    private record Route(String method, String pattern) {

        /** A route with a variable names a row: the intruder tries the victims'. */
        boolean namesAVictimsRow() {
            return pattern.contains("{");
        }

        String path(Map<String, String> ids) {
            Matcher variable = VARIABLE.matcher(pattern);
            StringBuilder path = new StringBuilder();
            while (variable.find()) {
                String id = ids.get(variable.group(1));
                assertThat(id)
                        .as("the test has a victim's row for {" + variable.group(1) + "} of " + pattern)
                        .isNotNull();
                variable.appendReplacement(path, id);
            }
            return variable.appendTail(path).toString();
        }

        /** Requests with a body get an empty object: a workspace's 404 comes before the body is looked at. */
        Object body() {
            return method.equals("GET") || method.equals("DELETE") ? null : Map.of();
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }
}
