package dev.taskmesh.server;

import static dev.taskmesh.server.support.Board.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.SilentSocket;
import dev.taskmesh.server.support.StreamClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** How connections end: token expiry (unless renewed), silence, oversized frames. Short timings for the test. */
@TestPropertySource(properties = {"taskmesh.auth.access-token-ttl=4s", "taskmesh.realtime.heartbeat=1s"})
class ConnectionLifecycleIT extends IntegrationTest {

    @Test
    void aConnectionEndsWithItsTokenUnlessTheClientSentAFreshOne() {
        User user = api.registerAndLogin(unique("expiring"));
        try (StreamClient kept = StreamClient.connect(api.base(), user.accessToken());
                StreamClient expiring = StreamClient.connect(api.base(), user.accessToken())) {
            // a second later, a fresh token (lifetimes are whole seconds) renews one connection only
            String fresh = await().pollDelay(Duration.ofMillis(1500))
                    .until(() -> login(user), token -> !token.equals(user.accessToken()));
            kept.reply(kept.send(Map.of("type", "auth", "token", fresh)), "authenticated");

            assertThat(expiring.awaitClose()).isEqualTo(4401);
            assertThat(expiring.all(
                            frame -> "token-expired".equals(frame.path("code").asString())))
                    .hasSize(1);
            assertThat(kept.isClosed()).isFalse();
            assertThat(kept.awaitClose()).isEqualTo(4401); // at the fresh token's expiry
        }
    }

    @Test
    void aClientThatAnswersNoPingIsDropped() throws Exception {
        User user = api.registerAndLogin(unique("silent"));
        try (SilentSocket silent = SilentSocket.connect(api.base(), user.accessToken())) {
            assertThat(silent.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void aFrameOverTheSizeLimitClosesWith1009() {
        User user = api.registerAndLogin(unique("chatty"));
        try (StreamClient client = StreamClient.connect(api.base(), user.accessToken())) {
            client.sendRaw("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
            assertThat(client.awaitClose()).isEqualTo(1009);
        }
    }

    private String login(User user) {
        return Api.expect(
                        api.post(
                                "/api/auth/login",
                                null,
                                Map.of("email", user.email(), "password", "correct horse " + user.handle())),
                        200)
                .text("accessToken");
    }
}
