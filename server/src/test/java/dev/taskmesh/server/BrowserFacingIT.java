package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.StreamClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * What a browser sees: the security headers on every answer, refusals included; CORS for the configured origins only;
 * and what the server logs: never a password or a token, whichever way one came in.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "taskmesh.http.allowed-origins=https://app.example.com",
            "taskmesh.realtime.allowed-origins=https://app.example.com",
            // the most the server would ever log about requests and authentication
            "logging.level.dev.taskmesh=DEBUG",
            "logging.level.org.springframework.web=DEBUG"
        })
class BrowserFacingIT extends IntegrationTest {

    private static final String APP = "https://app.example.com";

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        User user = api.registerAndLogin(Board.unique("headers"));
        for (Api.Response answer : new Api.Response[] {
            api.get("/api/workspaces", user.accessToken()), // 200
            api.get("/api/workspaces", null), // 401, from the first filters
            api.get("/api/no-such-route", user.accessToken()), // 404
            api.post("/api/auth/login", null, Map.of("email", user.email(), "password", "wrong password")) // 401
        }) {
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(answer.header("Content-Security-Policy"))
                    .isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        Api.Response login = expect(
                api.post(
                        "/api/auth/login",
                        null,
                        Map.of("email", user.email(), "password", "correct horse " + user.handle())),
                200);
        assertThat(login.header("Cache-Control")).isEqualTo("no-store");
        // reached by an encoded path too, and still not to be cached
        Api.Response encoded = expect(
                api.post(
                        "/%61pi/auth/login",
                        null, Map.of("email", user.email(), "password", "correct horse " + user.handle())),
                200);
        assertThat(encoded.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void onlyTheConfiguredOriginsMayCallTheApiFromABrowser() {
        User user = api.registerAndLogin(Board.unique("cors"));

        Api.Response preflight = api.send(
                "OPTIONS",
                "/api/workspaces",
                null,
                null,
                "Origin",
                APP,
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "authorization,content-type,idempotency-key");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers"))
                .containsIgnoringCase("authorization")
                .containsIgnoringCase("idempotency-key");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();

        Api.Response call = api.send("GET", "/api/workspaces", user.accessToken(), null, "Origin", APP);
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(call.header("Access-Control-Expose-Headers")).contains("ETag");

        Api.Response foreignPreflight = api.send(
                "OPTIONS",
                "/api/workspaces",
                null,
                null,
                "Origin",
                "https://evil.example",
                "Access-Control-Request-Method",
                "POST");
        assertThat(foreignPreflight.status()).isEqualTo(403);
        assertThat(foreignPreflight.header("Access-Control-Allow-Origin")).isNull();
        Api.Response foreignCall =
                api.send("GET", "/api/workspaces", user.accessToken(), null, "Origin", "https://evil.example");
        assertThat(foreignCall.header("Access-Control-Allow-Origin")).isNull();
        assertThat(StreamClient.handshakeStatusFrom(api.base(), user.accessToken(), "https://evil.example"))
                .isEqualTo(403);
        assertThat(StreamClient.handshakeStatusFrom(api.base(), user.accessToken(), APP))
                .isEqualTo(101);
    }

    @Test
    void noPasswordOrTokenIsEverLogged(CapturedOutput output) {
        User user = api.registerAndLogin(Board.unique("secrets"));
        String password = "correct horse " + user.handle();
        Api.Response refreshed =
                expect(api.post("/api/auth/refresh", null, Map.of("refreshToken", user.refreshToken())), 200);
        api.post("/api/auth/login", null, Map.of("email", user.email(), "password", password + " wrong"));
        api.get("/api/workspaces", user.accessToken() + "tampered");
        assertThat(StreamClient.handshakeStatus(
                        api.base(), "", "taskmesh.v1", "bearer." + refreshed.text("accessToken")))
                .isEqualTo(101);
        assertThat(StreamClient.handshakeStatus(api.base(), "", "taskmesh.v1", "bearer." + user.accessToken() + "x"))
                .isEqualTo(401);
        expect(api.post("/api/auth/logout", null, Map.of("refreshToken", refreshed.text("refreshToken"))), 204);

        assertThat(output.getAll())
                .as("the requests above were logged at DEBUG")
                .contains("/api/auth/login")
                .doesNotContain(password)
                .doesNotContain(user.accessToken())
                .doesNotContain(user.refreshToken())
                .doesNotContain(refreshed.text("accessToken"))
                .doesNotContain(refreshed.text("refreshToken"));
    }
}
