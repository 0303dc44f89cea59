package dev.taskmesh.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskmesh.api.account.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AccessTokensTest {

    private static final String KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void refusesToStartWithTheDevKeyOutsideTheDevProfile() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("prod");

        assertThatThrownBy(() -> tokens(AccessTokens.DEV_KEY, production, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("development JWT key");
    }

    @Test
    void acceptsTheDevKeyInTheDevProfileOnTheEmbeddedDatabase() {
        MockEnvironment dev = new MockEnvironment().withProperty("taskmesh.embedded-database", "true");
        dev.setActiveProfiles("dev");

        assertThat(tokens(AccessTokens.DEV_KEY, dev, Clock.systemUTC())).isNotNull();
    }

    @Test
    void refusesTheDevKeyInTheDevProfileOnARealDatabase() {
        MockEnvironment forgotTheProfile = new MockEnvironment();
        forgotTheProfile.setActiveProfiles("dev");

        assertThatThrownBy(() -> tokens(AccessTokens.DEV_KEY, forgotTheProfile, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("development JWT key");
    }

    @Test
    void refusesAMissingOrShortKey() {
        assertThatThrownBy(() -> tokens("", new MockEnvironment(), Clock.systemUTC()))
                .hasMessageContaining("TASKMESH_JWT_KEY");
        assertThatThrownBy(() -> tokens("c2hvcnQ=", new MockEnvironment(), Clock.systemUTC()))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void aTokenIsValidUntilItExpires() {
        UserId user = UserId.random();
        String token = tokens(KEY, new MockEnvironment(), Clock.fixed(NOW, ZoneOffset.UTC))
                .issue(user, "ada")
                .token();

        assertThat(tokens(KEY, new MockEnvironment(), Clock.fixed(NOW.plus(Duration.ofMinutes(14)), ZoneOffset.UTC))
                        .verify(token))
                .contains(new CurrentUser(user, "ada"));
        assertThat(tokens(KEY, new MockEnvironment(), Clock.fixed(NOW.plus(Duration.ofMinutes(16)), ZoneOffset.UTC))
                        .verify(token))
                .isEmpty();
    }

    @Test
    void theKeyNeverAppearsInTheProperties() {
        assertThat(new AuthProperties(KEY, "k1", null, null, null).toString()).doesNotContain(KEY);
    }

    private static AccessTokens tokens(String key, MockEnvironment environment, Clock clock) {
        return new AccessTokens(new AuthProperties(key, "k1", null, null, null), clock, environment);
    }
}
