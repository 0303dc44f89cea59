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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A deployment that requires a verified address: unverified users read, and change nothing until they confirm. */
class VerifiedEmailIT extends IntegrationTest {

    private static final Mailbox MAIL = Mailbox.start();

    @DynamicPropertySource
    static void requireVerifiedEmail(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
        registry.add("taskmesh.accounts.require-verified-email", () -> "true");
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Test
    void anUnverifiedUserChangesNothingUntilTheAddressIsConfirmed() {
        User ada = api.registerAndLogin(unique("ada"));

        Api.Response refused = api.post("/api/workspaces", ada.accessToken(), Map.of("name", "Too soon"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo("email-unverified");
        assertThat(expect(api.get("/api/workspaces", ada.accessToken()), 200)
                        .body()
                        .path("items")
                        .size())
                .isZero();

        String token = MAIL.awaitToken(ada.email(), "Confirm your email address", 1);
        expect(api.post("/api/auth/verify-email", null, Map.of("token", token)), 204);
        expect(api.post("/api/workspaces", ada.accessToken(), Map.of("name", "Now")), 201);
    }

    @Test
    void aStrangerStillHearsNotFoundFirst() {
        User owner = api.registerAndLogin(unique("owner"));
        expect(
                api.post(
                        "/api/auth/verify-email",
                        null,
                        Map.of("token", MAIL.awaitToken(owner.email(), "Confirm your email address", 1))),
                204);
        String workspace = api.createWorkspace(owner, "Private");
        User stranger = api.registerAndLogin(unique("stranger"));

        Api.Response answer =
                api.post("/api/workspaces/" + workspace + "/projects", stranger.accessToken(), Map.of("name", "Mine"));

        assertThat(answer.status()).isEqualTo(404);
    }
}
