package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static dev.taskmesh.server.support.Board.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.Mailbox;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An account's own life over HTTP, with a real SMTP server: the profile, changing a password, resetting a forgotten
 * one by email, and proving the address. Answers never tell whether an address has an account.
 */
class AccountIT extends IntegrationTest {

    private static final Mailbox MAIL = Mailbox.start();
    private static final String RESET = "Reset your TaskMesh password";
    private static final String VERIFY = "Confirm your email address";

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Test
    void aProfileChangesFieldByField() {
        User ada = api.registerAndLogin(unique("ada"));
        String handle = unique("countess");

        Api.Response changed = expect(
                api.patch(
                        "/api/users/me",
                        ada.accessToken(),
                        Map.of("handle", handle, "displayName", "Augusta Ada King", "timeZone", "Europe/London")),
                200);

        assertThat(changed.body().path("version").asLong()).isEqualTo(3);
        Api.Response me = expect(api.get("/api/users/me", ada.accessToken()), 200);
        assertThat(me.text("handle")).isEqualTo(handle.toLowerCase());
        assertThat(me.text("displayName")).isEqualTo("Augusta Ada King");
        assertThat(me.text("timeZone")).isEqualTo("Europe/London");
        // the same values again change nothing
        Api.Response again =
                expect(api.patch("/api/users/me", ada.accessToken(), Map.of("timeZone", "Europe/London")), 200);
        assertThat(again.body().path("version").asLong()).isEqualTo(3);
    }

    @Test
    void othersSeeTheNewNameAtOnce() {
        User owner = api.registerAndLogin(unique("owner"));
        User member = api.registerAndLogin(unique("member"));
        String workspace = api.createWorkspace(owner, "Names");
        expect(api.addMember(owner, workspace, member, "member"), 201);

        expect(api.patch("/api/users/me", member.accessToken(), Map.of("displayName", "Grace")), 200);

        var items = expect(api.get("/api/workspaces/" + workspace + "/members", owner.accessToken()), 200)
                .body()
                .path("items");
        boolean renamed = false;
        for (var item : items) {
            renamed |= item.path("userId").asString().equals(member.id())
                    && item.path("displayName").asString().equals("Grace");
        }
        assertThat(renamed).isTrue();
    }

    @Test
    void aBadProfileChangeNamesItsFieldsAndChangesNothing() {
        User ada = api.registerAndLogin(unique("ada"));
        User taken = api.registerAndLogin(unique("taken"));

        Api.Response invalid = api.patch(
                "/api/users/me",
                ada.accessToken(),
                Map.of("handle", "no spaces", "timeZone", "+02:00", "email", "x@example.com"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("errors").findValuesAsString("pointer"))
                .containsExactlyInAnyOrder("/handle", "/timeZone", "/email");
        Api.Response conflict = api.patch("/api/users/me", ada.accessToken(), Map.of("handle", taken.handle()));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.problemType()).isEqualTo("conflict");
        Api.Response nullName = api.send(
                "PATCH", "/api/users/me", ada.accessToken(), java.util.Collections.singletonMap("displayName", null));
        assertThat(nullName.status()).isEqualTo(400);

        Api.Response me = expect(api.get("/api/users/me", ada.accessToken()), 200);
        assertThat(me.text("handle")).isEqualTo(ada.handle().toLowerCase());
        assertThat(me.text("timeZone")).isEqualTo("UTC");
    }

    @Test
    void changingThePasswordEndsEveryOtherLogin() {
        User ada = api.registerAndLogin(unique("ada"));
        Api.Response otherLogin = expect(login(ada.email(), password(ada)), 200);

        expect(
                api.send(
                        "PUT",
                        "/api/users/me/password",
                        ada.accessToken(),
                        Map.of("currentPassword", password(ada), "newPassword", "a brand new secret")),
                200);

        assertThat(api.get("/api/users/me", ada.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/users/me", otherLogin.text("accessToken")).status())
                .isEqualTo(401);
        assertThat(refresh(otherLogin.text("refreshToken")).status()).isEqualTo(401);
        assertThat(login(ada.email(), password(ada)).status()).isEqualTo(401);
        assertThat(login(ada.email(), "a brand new secret").status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPassword() {
        User ada = api.registerAndLogin(unique("ada"));

        Api.Response wrong = api.send(
                "PUT",
                "/api/users/me/password",
                ada.accessToken(),
                Map.of("currentPassword", "not it at all", "newPassword", "a brand new secret"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("errors").get(0).path("pointer").asString())
                .isEqualTo("/currentPassword");
        Api.Response tooShort = api.send(
                "PUT",
                "/api/users/me/password",
                ada.accessToken(),
                Map.of("currentPassword", password(ada), "newPassword", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(api.send("PUT", "/api/users/me/password", null, Map.of()).status())
                .isEqualTo(401);
        assertThat(login(ada.email(), password(ada)).status()).isEqualTo(200);
    }

    @Test
    void aResetLinkSetsANewPasswordOnceAndEndsEveryLogin() {
        User ada = api.registerAndLogin(unique("ada"));

        assertThat(requestReset(ada.email()).status()).isEqualTo(202);
        String token = MAIL.awaitToken(ada.email(), RESET, 1);
        expect(confirm(token, "found it again"), 200);

        assertThat(confirm(token, "and once more").status()).isEqualTo(400);
        assertThat(login(ada.email(), password(ada)).status()).isEqualTo(401);
        assertThat(login(ada.email(), "found it again").status()).isEqualTo(200);
        assertThat(api.get("/api/users/me", ada.accessToken()).status()).isEqualTo(401);
        assertThat(refresh(ada.refreshToken()).status()).isEqualTo(401);
    }

    @Test
    void aResetForAnUnknownAddressAnswersTheSameAndSendsNothing() {
        String nobody = unique("nobody") + "@example.com";

        Api.Response answer = requestReset(nobody);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.rawBody()).isEmpty();
        User someone = api.registerAndLogin(unique("someone"));
        Api.Response known = requestReset(someone.email());
        assertThat(known.status()).isEqualTo(202);
        assertThat(known.rawBody()).isEqualTo(answer.rawBody());
        // the known address's email arrives; by then the unknown one's would have too
        MAIL.awaitToken(someone.email(), RESET, 1);
        assertThat(MAIL.to(nobody, "")).isEmpty();
    }

    @Test
    void onlyTheNewestResetLinkWorksAndNonePastItsLifetime() {
        User ada = api.registerAndLogin(unique("ada"));
        requestReset(ada.email());
        String first = MAIL.awaitToken(ada.email(), RESET, 1);
        requestReset(ada.email());
        String second = MAIL.awaitToken(ada.email(), RESET, 2);

        assertThat(confirm(first, "found it again").status()).isEqualTo(400);
        jdbc.sql("UPDATE account_token SET expires_at = now() - interval '1 second' WHERE user_id = :user::uuid")
                .param("user", ada.id())
                .update();
        Api.Response expired = confirm(second, "found it again");
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.body().path("errors").get(0).path("pointer").asString())
                .isEqualTo("/token");
        assertThat(login(ada.email(), password(ada)).status()).isEqualTo(200);
    }

    @Test
    void aBadResetConfirmationKeepsTheLinkUsable() {
        User ada = api.registerAndLogin(unique("ada"));
        requestReset(ada.email());
        String token = MAIL.awaitToken(ada.email(), RESET, 1);

        assertThat(confirm(token, "short").status()).isEqualTo(400);
        assertThat(confirm("not-a-token", "long enough now").status()).isEqualTo(400);
        assertThat(api.post("/api/auth/password-reset", null, Map.of()).status())
                .isEqualTo(400);

        expect(confirm(token, "long enough now"), 200);
    }

    @Test
    void registrationSendsALinkThatProvesTheAddress() {
        User ada = api.registerAndLogin(unique("ada"));
        assertThat(expect(api.get("/api/users/me", ada.accessToken()), 200)
                        .body()
                        .path("emailVerified")
                        .asBoolean())
                .isFalse();

        String token = MAIL.awaitToken(ada.email(), VERIFY, 1);
        // a verification token is no reset token
        assertThat(confirm(token, "found it again").status()).isEqualTo(400);
        assertThat(api.post("/api/auth/verify-email", null, Map.of("token", token))
                        .status())
                .isEqualTo(204);

        assertThat(api.post("/api/auth/verify-email", null, Map.of("token", token))
                        .status())
                .isEqualTo(400);
        assertThat(expect(api.get("/api/users/me", ada.accessToken()), 200)
                        .body()
                        .path("emailVerified")
                        .asBoolean())
                .isTrue();
        // a verified address gets no new link
        assertThat(api.post("/api/users/me/verification-email", ada.accessToken(), Map.of())
                        .status())
                .isEqualTo(202);
        assertThat(eventsOf(ada, "UserEmailVerifiedEvent")).isEqualTo(1);
    }

    @Test
    void aNewVerificationLinkRetiresTheFirst() {
        User ada = api.registerAndLogin(unique("ada"));
        String first = MAIL.awaitToken(ada.email(), VERIFY, 1);

        assertThat(api.post("/api/users/me/verification-email", ada.accessToken(), Map.of())
                        .status())
                .isEqualTo(202);
        String second = MAIL.awaitToken(ada.email(), VERIFY, 2);

        assertThat(api.post("/api/auth/verify-email", null, Map.of("token", first))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/auth/verify-email", null, Map.of("token", second))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void noEventOrLogHoldsAPasswordOrAToken() {
        User ada = api.registerAndLogin(unique("ada"));
        requestReset(ada.email());
        String token = MAIL.awaitToken(ada.email(), RESET, 1);
        expect(confirm(token, "found it again"), 200);

        String events = String.join(
                "\n", jdbc.sql("""
                                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                                 WHERE aggregate_identifier = :user
                                """).param("user", ada.id()).query(String.class).list());
        assertThat(events).contains("byReset");
        assertThat(events).doesNotContain("found it again", password(ada), token, ada.email());
        String tokensTable = String.join(
                "\n",
                jdbc.sql("SELECT encode(token_hash, 'escape') FROM account_token")
                        .query(String.class)
                        .list());
        assertThat(tokensTable).doesNotContain(token);
    }

    private Api.Response login(String email, String password) {
        return api.post("/api/auth/login", null, Map.of("email", email, "password", password));
    }

    private Api.Response refresh(String refreshToken) {
        return api.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken));
    }

    private Api.Response requestReset(String email) {
        return api.post("/api/auth/password-reset", null, Map.of("email", email));
    }

    private Api.Response confirm(String token, String newPassword) {
        return api.post("/api/auth/password-reset/confirm", null, Map.of("token", token, "newPassword", newPassword));
    }

    private long eventsOf(User user, String type) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE aggregate_identifier = :user AND payload_type LIKE '%' || :type
                        """)
                .param("user", user.id())
                .param("type", type)
                .query(Long.class)
                .single();
    }

    /** The password {@link Api#registerAndLogin} signs up with. */
    private static String password(User user) {
        return "correct horse " + user.handle();
    }
}
