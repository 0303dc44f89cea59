package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.StreamClient;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.Decoders;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuthenticationIT extends IntegrationTest {

    private static final SecretKey KEY = Keys.hmacShaKeyFor(Decoders.BASE64.decode(JWT_KEY));

    @Autowired
    JdbcClient jdbc;

    @Test
    void expiredTamperedUnsignedAndForeignTokensAreAll401() {
        User user = api.registerAndLogin("ivy");
        String expired = token(user.id(), "k1", "taskmesh", Instant.now().minusSeconds(60));
        String foreignKid = token(user.id(), "other", "taskmesh", Instant.now().plusSeconds(600));
        String foreignIssuer = token(user.id(), "k1", "elsewhere", Instant.now().plusSeconds(600));
        String[] parts = user.accessToken().split("\\.");
        String tampered =
                parts[0] + "." + base64("{\"sub\":\"" + user.id() + "\",\"iss\":\"taskmesh\"}") + "." + parts[2];
        String unsigned = base64("{\"alg\":\"none\",\"kid\":\"k1\"}") + "." + parts[1] + ".";
        // signed with our key and unexpired, but of no login: it could never be ended, so it is refused
        String withoutLogin = token(user.id(), "k1", "taskmesh", Instant.now().plusSeconds(600));

        for (String token :
                new String[] {expired, foreignKid, foreignIssuer, tampered, unsigned, withoutLogin, "garbage"}) {
            Api.Response response = api.get("/api/workspaces", token);
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.problemType()).isEqualTo("unauthenticated");
        }
        assertThat(api.get("/api/workspaces", user.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordsAndUnknownEmailsGetTheSameAnswer() {
        User user = api.registerAndLogin("jack");

        Api.Response wrongPassword =
                api.post("/api/auth/login", null, Map.of("email", user.email(), "password", "wrong password"));
        Api.Response unknownEmail =
                api.post("/api/auth/login", null, Map.of("email", "nobody@example.com", "password", "wrong password"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.problemType()).isEqualTo("invalid-credentials");
        assertThat(unknownEmail.rawBody()).isEqualTo(wrongPassword.rawBody());
    }

    @Test
    void emailsAndHandlesAreUniqueWhateverTheirCase() {
        User user = api.registerAndLogin("kate");
        long eventsBefore = eventCount();

        Api.Response sameEmail = api.post(
                "/api/auth/register",
                null,
                Map.of(
                        "email", user.email().toUpperCase(),
                        "handle", "kate2",
                        "displayName", "K",
                        "password", "long enough"));
        Api.Response sameHandle = api.post(
                "/api/auth/register",
                null,
                Map.of("email", "kate@elsewhere.com", "handle", "KATE", "displayName", "K", "password", "long enough"));

        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameHandle.status()).isEqualTo(409);
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void refreshTokensRotateAndAReusedOneEndsTheLogin() {
        User user = api.registerAndLogin("liam");

        Api.Response rotated =
                expect(api.post("/api/auth/refresh", null, Map.of("refreshToken", user.refreshToken())), 200);
        String next = rotated.text("refreshToken");
        assertThat(next).isNotEqualTo(user.refreshToken());
        assertThat(api.get("/api/users/me", rotated.text("accessToken")).text("handle"))
                .isEqualTo("liam");

        Api.Response replay = api.post("/api/auth/refresh", null, Map.of("refreshToken", user.refreshToken()));
        assertThat(replay.status()).isEqualTo(401);
        // the replay means the first token leaked: its successor is revoked too, and the login's access tokens
        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", next))
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/users/me", rotated.text("accessToken")).status())
                .isEqualTo(401);
        assertThat(api.get("/api/users/me", user.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void logoutEndsTheLoginsAccessTokensAndConnectionsButNotTheUsersOtherLogins() {
        User user = api.registerAndLogin("grace");
        Api.Response otherLogin = expect(
                api.post("/api/auth/login", null, Map.of("email", user.email(), "password", "correct horse grace")),
                200);
        try (StreamClient connection = StreamClient.connect(api.base(), user.accessToken())) {
            connection.subscribe("user:" + user.id(), null);

            expect(api.post("/api/auth/logout", null, Map.of("refreshToken", user.refreshToken())), 204);

            Api.Response ended = api.get("/api/users/me", user.accessToken());
            assertThat(ended.status()).isEqualTo(401);
            assertThat(ended.problemType()).isEqualTo("unauthenticated");
            assertThat(connection
                            .awaitFrame(frame -> frame.path("type").asString().equals("error"))
                            .path("code")
                            .asString())
                    .isEqualTo("session-ended");
            assertThat(connection.awaitClose()).isEqualTo(4401);
        }
        assertThat(expect(api.get("/api/users/me", otherLogin.text("accessToken")), 200)
                        .text("handle"))
                .isEqualTo("grace");
        assertThat(StreamClient.handshakeStatus(api.base(), "", "taskmesh.v1", "bearer." + user.accessToken()))
                .isEqualTo(401);
    }

    @Test
    void logoutEndsTheRefreshToken() {
        User user = api.registerAndLogin("mia");

        assertThat(api.post("/api/auth/logout", null, Map.of("refreshToken", user.refreshToken()))
                        .status())
                .isEqualTo(204);

        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", user.refreshToken()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void passwordsAndEmailsNeverReachTheEventStore() {
        User user = api.registerAndLogin("noah");

        String events = String.join(
                "\n",
                jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry")
                        .query(String.class)
                        .list());
        String storedHash = jdbc.sql("SELECT password_hash FROM user_account WHERE handle = 'noah'")
                .query(String.class)
                .single();

        // the registration is there, with the handle sealed (docs/security.md#erasure)
        assertThat(events)
                .contains(user.id(), "\"handle\":\"pd1:")
                .doesNotContain(user.email())
                .doesNotContain("correct horse")
                .doesNotContain("\"noah\"");
        assertThat(storedHash).startsWith("$2").doesNotContain("correct horse");
    }

    private long eventCount() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    private static String token(String subject, String kid, String issuer, Instant expiresAt) {
        return Jwts.builder()
                .header()
                .keyId(kid)
                .and()
                .issuer(issuer)
                .subject(subject)
                .issuedAt(Date.from(expiresAt.minusSeconds(900)))
                .expiration(Date.from(expiresAt))
                .signWith(KEY, Jwts.SIG.HS256)
                .compact();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
