package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static dev.taskmesh.server.support.Board.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.Mailbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Inviting people by address over HTTP, with a real SMTP server: the link works for whoever holds it, once and not
 * past its lifetime; without it, only a verified address matching the invited one answers; an invite never tells
 * whether an address has an account.
 */
class InvitationsIT extends IntegrationTest {

    private static final Mailbox MAIL = Mailbox.start();
    private static final String INVITED = "invited you to";

    @Autowired
    JdbcClient jdbc;

    private User owner;
    private User admin;
    private String workspace;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @BeforeEach
    void team() {
        owner = api.registerAndLogin(unique("owner"));
        admin = api.registerAndLogin(unique("admin"));
        workspace = api.createWorkspace(owner, "Invites");
        expect(api.addMember(owner, workspace, admin, "admin"), 201);
    }

    @Test
    void someoneWithoutAnAccountIsInvitedSignsUpAndJoinsByTheLink() {
        String email = unique("newcomer") + "@example.com";

        Api.Response invited = invite(admin, email, "member");
        assertThat(invited.status()).isEqualTo(202);
        assertThat(invited.rawBody()).isEmpty();
        String token = MAIL.awaitToken(email, INVITED, 1);
        String invitation = onlyPendingInvitation();

        User newcomer = registerAs(email, unique("newcomer"));
        Api.Response accepted = expect(answer(newcomer, invitation, "accept", token), 200);

        assertThat(accepted.body().path("id").asString()).isEqualTo(workspace);
        assertThat(expect(api.get("/api/workspaces/" + workspace, newcomer.accessToken()), 200)
                        .text("role"))
                .isEqualTo("member");
        assertThat(answer(newcomer, invitation, "accept", token).status()).isEqualTo(404);
        assertThat(pending().size()).isZero();
    }

    @Test
    void anInviteAnswersTheSameForAMemberAStrangerAndAnyone() {
        User existing = api.registerAndLogin(unique("existing"));
        expect(api.addMember(owner, workspace, existing, "viewer"), 201);
        User registered = api.registerAndLogin(unique("registered"));

        Api.Response forMember = invite(owner, existing.email(), "member");
        Api.Response forAccount = invite(owner, registered.email(), "member");
        Api.Response forNobody = invite(owner, unique("nobody") + "@example.com", "member");

        assertThat(forMember.status()).isEqualTo(202);
        assertThat(forAccount.status()).isEqualTo(202);
        assertThat(forNobody.status()).isEqualTo(202);
        assertThat(forMember.rawBody()).isEqualTo(forAccount.rawBody()).isEqualTo(forNobody.rawBody());
        MAIL.awaitToken(registered.email(), INVITED, 1);
        // a member is invited to nothing: no invitation, no email
        assertThat(pending().size()).isEqualTo(2);
        assertThat(MAIL.to(existing.email(), INVITED)).isEmpty();
    }

    @Test
    void aVerifiedAddressSeesAndAnswersItsInvitationsWithoutTheLink() {
        User invitee = api.registerAndLogin(unique("invitee"));
        invite(owner, invitee.email(), "viewer");
        MAIL.awaitToken(invitee.email(), INVITED, 1);
        String invitation = onlyPendingInvitation();

        // unverified: anyone could have signed up with this address
        assertThat(mine(invitee).size()).isZero();
        assertThat(answer(invitee, invitation, "accept", null).status()).isEqualTo(404);

        verify(invitee);
        assertThat(mine(invitee).get(0).path("workspaceName").asString()).isEqualTo("Invites");
        assertThat(mine(invitee).get(0).path("email").isNull()).isTrue();
        expect(answer(invitee, invitation, "decline", null), 200);
        assertThat(mine(invitee).size()).isZero();
        assertThat(api.get("/api/workspaces/" + workspace, invitee.accessToken())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aRevokedExpiredOrSupersededInvitationNoLongerWorks() {
        String email = unique("late") + "@example.com";
        invite(owner, email, "member");
        String first = MAIL.awaitToken(email, INVITED, 1);
        String firstId = onlyPendingInvitation();
        invite(owner, email, "admin");
        String second = MAIL.awaitToken(email, INVITED, 2);
        String secondId = onlyPendingInvitation();
        User late = registerAs(email, unique("late"));

        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(answer(late, firstId, "accept", first).status()).isEqualTo(404);
        jdbc.sql("UPDATE invitation SET expires_at = now() - interval '1 second' WHERE invitation_id = :id::uuid")
                .param("id", secondId)
                .update();
        assertThat(answer(late, secondId, "accept", second).status()).isEqualTo(404);
        assertThat(pending().size()).isZero();

        invite(owner, email, "member");
        String third = MAIL.awaitToken(email, INVITED, 3);
        String thirdId = onlyPendingInvitation();
        expect(api.delete("/api/workspaces/" + workspace + "/invitations/" + thirdId, admin.accessToken()), 200);
        assertThat(answer(late, thirdId, "accept", third).status()).isEqualTo(404);
        assertThat(api.get("/api/workspaces/" + workspace, late.accessToken()).status())
                .isEqualTo(404);
    }

    @Test
    void pendingInvitationsComeInPages() {
        for (String name : List.of("first", "second", "third")) {
            expect(invite(owner, unique(name) + "@example.com", "member"), 202);
        }
        String pages = "/api/workspaces/" + workspace + "/invitations?limit=2";

        Api.Response first = expect(api.get(pages, owner.accessToken()), 200);
        assertThat(first.body().path("items").size()).isEqualTo(2);
        String cursor = first.body().path("nextCursor").asString();
        assertThat(cursor).isNotBlank();
        Api.Response second = expect(api.get(pages + "&cursor=" + cursor, owner.accessToken()), 200);

        assertThat(second.body().path("items").size()).isEqualTo(1);
        assertThat(second.body().path("nextCursor").isNull()).isTrue();
        assertThat(second.rawBody())
                .doesNotContain(first.body().path("items").get(0).path("id").asString());
    }

    @Test
    void aWrongTokenOrSomeoneElsesAddressIsTheSameNotFound() {
        String email = unique("target") + "@example.com";
        invite(owner, email, "member");
        MAIL.awaitToken(email, INVITED, 1);
        String invitation = onlyPendingInvitation();
        User other = api.registerAndLogin(unique("other"));
        verify(other);

        assertThat(answer(other, invitation, "accept", "forged-token").status()).isEqualTo(404);
        assertThat(answer(other, invitation, "accept", null).status()).isEqualTo(404);
        assertThat(answer(other, "not-an-id", "accept", null).status()).isEqualTo(404);
        assertThat(pending().size()).isEqualTo(1);
    }

    @Test
    void invitingFollowsTheRolesAndTheOrderOfChecks() {
        User member = api.registerAndLogin(unique("member"));
        expect(api.addMember(owner, workspace, member, "member"), 201);
        User outsider = api.registerAndLogin(unique("outsider"));

        assertThat(invite(outsider, "x@example.com", "member").status()).isEqualTo(404);
        assertThat(invite(member, "x@example.com", "member").status()).isEqualTo(403);
        assertThat(invite(admin, "x@example.com", "owner").status()).isEqualTo(403);
        Api.Response invalid = invite(owner, "not an address", "boss");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("errors").findValuesAsString("pointer"))
                .containsExactlyInAnyOrder("/email", "/role");
        assertThat(api.get("/api/workspaces/" + workspace + "/invitations", member.accessToken())
                        .status())
                .isEqualTo(403);
        assertThat(pending().size()).isZero();
        assertThat(api.post("/api/invitations/" + java.util.UUID.randomUUID() + "/accept", null, Map.of())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void noEventHoldsTheInvitedAddress() {
        String email = unique("private") + "@example.com";
        invite(owner, email, "member");
        MAIL.awaitToken(email, INVITED, 1);

        String events = String.join(
                "\n",
                jdbc.sql(
                                "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = :ws")
                        .param("ws", workspace)
                        .query(String.class)
                        .list());
        assertThat(events).contains("invitationId").doesNotContain(email);
    }

    private Api.Response invite(User by, String email, String role) {
        return api.post(
                "/api/workspaces/" + workspace + "/invitations",
                by.accessToken(),
                Map.of("email", email, "role", role));
    }

    private Api.Response answer(User by, String invitation, String verb, String token) {
        return api.post(
                "/api/invitations/" + invitation + "/" + verb,
                by.accessToken(),
                token == null ? Map.of() : Map.of("token", token));
    }

    private tools.jackson.databind.JsonNode pending() {
        return expect(api.get("/api/workspaces/" + workspace + "/invitations", owner.accessToken()), 200)
                .body()
                .path("items");
    }

    private String onlyPendingInvitation() {
        tools.jackson.databind.JsonNode items = pending();
        assertThat(items.size()).isEqualTo(1);
        return items.get(0).path("id").asString();
    }

    private tools.jackson.databind.JsonNode mine(User user) {
        return expect(api.get("/api/me/invitations", user.accessToken()), 200)
                .body()
                .path("items");
    }

    private void verify(User user) {
        expect(
                api.post(
                        "/api/auth/verify-email",
                        null,
                        Map.of("token", MAIL.awaitToken(user.email(), "Confirm your email address", 1))),
                204);
    }

    private User registerAs(String email, String handle) {
        return api.registerAndLogin(email, handle, "New " + handle, "correct horse " + handle);
    }
}
