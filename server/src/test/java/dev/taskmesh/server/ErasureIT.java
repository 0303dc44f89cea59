package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static dev.taskmesh.server.support.Board.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.api.account.UserDisplayNameChangedEvent;
import dev.taskmesh.api.account.UserRegisteredEvent;
import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Erasing an account over HTTP: afterwards none of the person's personal data can be read anywhere the system keeps
 * data, the append-only event store included (its personal fields were encrypted with a key that is now gone). The
 * check reads every text, JSON, full-text and binary column of every table for the person's address, handle, names
 * and time zone, so a table added later is checked too.
 */
class ErasureIT extends IntegrationTest {

    private static final String NAME = "Zelda Quuxley";
    private static final String NEW_NAME = "Zelda Vexworth";
    private static final String ZONE = "Pacific/Chatham";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStore events;

    private User owner;
    private User zelda;
    private String password;
    private String workspace;

    @BeforeEach
    void zeldaWorksInATeam() {
        owner = api.registerAndLogin(unique("owner"));
        String handle = unique("zeldaq");
        String email = "zelda-" + UUID.randomUUID() + "@example.com";
        password = "zelda's secret " + handle;
        zelda = api.registerAndLogin(email, handle, NAME, password);
        workspace = api.createWorkspace(owner, "Team");
        expect(api.addMember(owner, workspace, zelda, "member"), 201);
    }

    @Test
    void anErasedPersonsDataIsReadableNowhere() {
        expect(api.patch("/api/users/me", zelda.accessToken(), Map.of("displayName", NEW_NAME, "timeZone", ZONE)), 200);
        String project = api.createProject(owner, workspace, "Launch");
        String task =
                api.createTask(zelda, workspace, project, "Plan the launch").text("id");
        expect(
                api.post(
                        "/api/workspaces/" + workspace + "/tasks/" + task + "/assignee",
                        zelda.accessToken(),
                        Map.of("assigneeId", owner.id())),
                200);
        expect(
                api.post(
                        "/api/workspaces/" + workspace + "/tasks/" + task + "/comments",
                        zelda.accessToken(),
                        Map.of("body", "First draft is in the doc")),
                201);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> notificationActors(owner).contains(NEW_NAME));
        assertThat(findings()).isNotEmpty(); // the check sees the data while it is there

        expect(api.send("DELETE", "/api/users/me", zelda.accessToken(), Map.of("password", password)), 204);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(findings()).isEmpty());
        assertThat(notificationActors(owner)).contains("Deleted user").doesNotContain(NEW_NAME);
        // the event store still holds every event, and reads the person as erased
        List<Object> stored = events.readEvents(zelda.id())
                .asStream()
                .map(DomainEventMessage::getPayload)
                .collect(Collectors.toList());
        assertThat(stored)
                .contains(
                        new UserRegisteredEvent(
                                new dev.taskmesh.api.account.UserId(UUID.fromString(zelda.id())),
                                "deleted-user",
                                "Deleted user"),
                        new UserDisplayNameChangedEvent(
                                new dev.taskmesh.api.account.UserId(UUID.fromString(zelda.id())), "Deleted user"));
        // what they did stays, by an id that names nobody
        assertThat(expect(api.get("/api/workspaces/" + workspace + "/tasks/" + task, owner.accessToken()), 200)
                        .text("createdBy"))
                .isEqualTo(zelda.id());
    }

    @Test
    void anErasedAccountSignsInNoMoreAndItsLoginsEnd() {
        expect(api.send("DELETE", "/api/users/me", zelda.accessToken(), Map.of("password", password)), 204);

        assertThat(api.post("/api/auth/login", null, Map.of("email", zelda.email(), "password", password))
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/users/me", zelda.accessToken()).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", zelda.refreshToken()))
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/workspaces/" + workspace + "/members", owner.accessToken())
                        .rawBody())
                .doesNotContain(zelda.id());
        // the address is free for a new account
        expect(
                api.post(
                        "/api/auth/register",
                        null,
                        Map.of(
                                "email",
                                zelda.email(),
                                "handle",
                                zelda.handle(),
                                "displayName",
                                "Someone",
                                "password",
                                password)),
                201);
    }

    @Test
    void theLastOwnerOfAWorkspaceHandsItOverBeforeErasure() {
        String own = api.createWorkspace(zelda, "Zelda's own");

        Api.Response refused = api.send("DELETE", "/api/users/me", zelda.accessToken(), Map.of("password", password));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.rawBody()).contains(own);
        assertThat(expect(api.get("/api/users/me", zelda.accessToken()), 200).text("displayName"))
                .isEqualTo(NAME);
        assertThat(api.get("/api/workspaces/" + workspace, zelda.accessToken()).status())
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordErasesNothing() {
        Api.Response refused =
                api.send("DELETE", "/api/users/me", zelda.accessToken(), Map.of("password", "not the password"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("pointer").asString())
                .isEqualTo("/password");
        assertThat(expect(api.get("/api/users/me", zelda.accessToken()), 200).text("displayName"))
                .isEqualTo(NAME);
    }

    /** Every column of every table that could hold text, with what of the person's data it holds. */
    private List<String> findings() {
        // a regular expression of the needles, every character that is not a letter or digit matching any
        String regex = String.join(
                "|",
                List.of(zelda.email(), zelda.handle(), "quuxley", "vexworth", ZONE).stream()
                        .map(needle -> needle.replaceAll("[^A-Za-z0-9]", "."))
                        .toList());
        List<String> found = new ArrayList<>();
        for (var column : jdbc.sql("""
                        SELECT c.relname AS table_name, a.attname AS column_name, t.typname AS type
                          FROM pg_attribute a
                          JOIN pg_class c ON c.oid = a.attrelid
                          JOIN pg_namespace n ON n.oid = c.relnamespace
                          JOIN pg_type t ON t.oid = a.atttypid
                         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                           AND a.attnum > 0 AND NOT a.attisdropped
                           AND t.typname IN ('text', 'varchar', 'json', 'jsonb', 'bytea', 'tsvector', '_text')
                        """)
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list()) {
            String expression = column.get(2).equals("bytea")
                    ? "encode(\"" + column.get(1) + "\", 'escape')"
                    : "\"" + column.get(1) + "\"::text";
            // the first rows that hold any, shortened, so a failure says where
            List<String> rows = jdbc.sql("SELECT left(t::text, 400) FROM \"" + column.get(0) + "\" t WHERE "
                            + expression + " ~* :regex LIMIT 3")
                    .param("regex", regex)
                    .query(String.class)
                    .list();
            if (!rows.isEmpty()) {
                found.add(column.get(0) + "." + column.get(1) + ": " + rows);
            }
        }
        return found;
    }

    private String notificationActors(User user) {
        return expect(api.get("/api/me/notifications", user.accessToken()), 200)
                .body()
                .path("items")
                .toString();
    }
}
