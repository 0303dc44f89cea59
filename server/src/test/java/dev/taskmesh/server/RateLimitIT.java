package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;

/**
 * Past a limit the answer is 429 rate-limited with Retry-After, nothing is done, and other callers go on. The limits
 * here are small, and per hour, so no bucket refills during the test; this class has a database and so buckets of its
 * own. Every test signs up from the same address, so the test that spends that limit runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(
        properties = {
            "taskmesh.rate-limit.login-per-address=1000/1h",
            "taskmesh.rate-limit.login-per-account=3/1h",
            "taskmesh.rate-limit.registration-per-address=6/1h",
            "taskmesh.rate-limit.commands-per-user=5/1h",
            "taskmesh.rate-limit.account-email-per-account=2/1h"
        })
class RateLimitIT extends IntegrationTest {

    @Test
    void guessingOnePasswordIsStoppedAfterAFewTriesWhileOtherAccountsSignIn() {
        User victim = api.registerAndLogin(Board.unique("victim")); // one sign-in of three
        User other = api.registerAndLogin(Board.unique("other"));
        for (int guess = 0; guess < 2; guess++) {
            assertThat(login(victim.email(), "wrong guess " + guess).status()).isEqualTo(401);
        }

        Api.Response refused = login(victim.email(), "correct horse " + victim.handle());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemType()).isEqualTo("rate-limited");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(refused.rawBody()).doesNotContain("accessToken");
        // the same account in other letter case is the same account
        assertThat(login(victim.email().toUpperCase(), "wrong").status()).isEqualTo(429);
        expect(login(other.email(), "correct horse " + other.handle()), 200);
    }

    @Test
    void passwordResetsForOneAddressAreLimitedWhetherOrNotItHasAnAccount() {
        User known = api.registerAndLogin(Board.unique("known"));
        String unknown = Board.unique("unknown") + "@example.com";
        for (String address : new String[] {known.email(), unknown}) {
            for (int request = 0; request < 2; request++) {
                assertThat(reset(address).status()).isEqualTo(202);
            }

            Api.Response refused = reset(address);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.problemType()).isEqualTo("rate-limited");
        }
        // another address is not held up
        assertThat(reset(Board.unique("other") + "@example.com").status()).isEqualTo(202);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void signUpsFromOneAddressAreLimited() {
        int accepted = 0;
        Api.Response answer;
        do {
            String handle = Board.unique("signup");
            answer = api.post(
                    "/api/auth/register",
                    null,
                    Map.of(
                            "email",
                            handle + "@example.com",
                            "handle",
                            handle,
                            "displayName",
                            "Sign-up",
                            "password",
                            "long enough password"));
            accepted += answer.status() == 201 ? 1 : 0;
        } while (answer.status() == 201 && accepted < 10);

        // six per address, some of them spent by the other tests' sign-ups when they ran first
        assertThat(accepted).isLessThanOrEqualTo(6);
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.problemType()).isEqualTo("rate-limited");
        assertThat(answer.header("Retry-After")).isNotBlank();
    }

    @Test
    void aUsersCommandsPastTheLimitAreRefusedAndChangeNothing() {
        User writer = api.registerAndLogin(Board.unique("writer"));
        String workspace = api.createWorkspace(writer, "Busy"); // 1
        String project = api.createProject(writer, workspace, "P"); // 2
        for (int i = 0; i < 3; i++) { // 3, 4, 5
            expect(api.createTask(writer, workspace, project, "Allowed " + i), 201);
        }

        Api.Response refused = api.createTask(writer, workspace, project, "One too many");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemType()).isEqualTo("rate-limited");
        assertThat(refused.header("Retry-After")).isNotBlank();
        // checked before the workspace: an unknown one is refused the same, and tells nothing
        assertThat(api.createTask(writer, UUID.randomUUID().toString(), project, "Elsewhere")
                        .status())
                .isEqualTo(429);
        // reads are not commands
        assertThat(expect(
                                api.get(
                                        "/api/workspaces/" + workspace + "/projects/" + project + "/tasks",
                                        writer.accessToken()),
                                200)
                        .body()
                        .path("items"))
                .hasSize(3)
                .noneMatch(task -> task.path("title").asString().equals("One too many"));
        // another user's budget is their own
        User colleague = api.registerAndLogin(Board.unique("colleague"));
        assertThat(api.createWorkspace(colleague, "Quiet")).isNotBlank(); // 201, or createWorkspace fails
    }

    private Api.Response login(String email, String password) {
        return api.post("/api/auth/login", null, Map.of("email", email, "password", password));
    }

    private Api.Response reset(String email) {
        return api.post("/api/auth/password-reset", null, Map.of("email", email));
    }
}
