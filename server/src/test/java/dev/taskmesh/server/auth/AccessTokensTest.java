package dev.taskmesh.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskmesh.api.account.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AccessTokensTest {

    private static final String KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
    private static final String NEXT_KEY = "ZXhhbXBsZS1uZXh0LWtleS1mb3Itcm90YXRpb24tdGVzdHM=";
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
        UUID session = UUID.randomUUID();
        String token = tokens(KEY, new MockEnvironment(), Clock.fixed(NOW, ZoneOffset.UTC))
                .issue(user, "ada", session)
                .token();

        assertThat(tokens(KEY, new MockEnvironment(), Clock.fixed(NOW.plus(Duration.ofMinutes(14)), ZoneOffset.UTC))
                        .verify(token))
                .contains(new CurrentUser(user, "ada", session));
        assertThat(tokens(KEY, new MockEnvironment(), Clock.fixed(NOW.plus(Duration.ofMinutes(16)), ZoneOffset.UTC))
                        .verify(token))
                .isEmpty();
    }

    @Test
    void aRotationKeepsTheRetiredKeysTokensValidUntilTheKeyIsDropped() {
        UserId user = UserId.random();
        UUID session = UUID.randomUUID();
        String before = tokens(KEY, new MockEnvironment(), Clock.systemUTC())
                .issue(user, "ada", session)
                .token();
        AccessTokens rotated = tokens(new AuthProperties(NEXT_KEY, "k2", "k1=" + KEY, null, null, null));
        String after = rotated.issue(user, "ada", session).token();

        assertThat(rotated.verify(before)).contains(new CurrentUser(user, "ada", session));
        assertThat(rotated.verify(after)).contains(new CurrentUser(user, "ada", session));
        // the old key never verifies the new key's tokens, and once dropped it verifies nothing
        assertThat(tokens(KEY, new MockEnvironment(), Clock.systemUTC()).verify(after))
                .isEmpty();
        assertThat(tokens(new AuthProperties(NEXT_KEY, "k2", null, null, null, null))
                        .verify(before))
                .isEmpty();
    }

    @Test
    void refusesARetiredKeyThatIsMalformedOrReusesAKeyId() {
        // a key without its id: refused without being quoted back into a log
        assertThatThrownBy(() -> tokens(new AuthProperties(NEXT_KEY, "k2", KEY, null, null, null)))
                .hasMessageContaining("kid=base64")
                .message()
                .doesNotContain(KEY.substring(0, 20));
        assertThatThrownBy(() -> tokens(new AuthProperties(NEXT_KEY, "k2", "k1=c2hvcnQ=", null, null, null)))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> tokens(new AuthProperties(NEXT_KEY, "k2", "k2=" + KEY, null, null, null)))
                .hasMessageContaining("new key id");
    }

    @Test
    void anEndedLoginsTokensAreRefused() {
        UUID ended = UUID.randomUUID();
        AccessTokens tokens = new AccessTokens(
                new AuthProperties(KEY, "k1", null, null, null, null),
                Clock.systemUTC(),
                new MockEnvironment(),
                ended::equals);

        assertThat(tokens.verify(tokens.issue(UserId.random(), "ada", ended).token()))
                .isEmpty();
        assertThat(tokens.verify(
                        tokens.issue(UserId.random(), "ada", UUID.randomUUID()).token()))
                .isPresent();
    }

    @Test
    void aTokenVerifiedBeforeIsStillRefusedOnceItExpires() {
        MovingClock clock = new MovingClock(NOW);
        AccessTokens tokens = tokens(KEY, new MockEnvironment(), clock);
        String token = tokens.issue(UserId.random(), "ada", UUID.randomUUID()).token();
        assertThat(tokens.verify(token)).isPresent();

        clock.now = NOW.plus(Duration.ofMinutes(15)); // its exp second: still valid, as for a token parsed anew
        assertThat(tokens.verify(token)).isPresent();
        clock.now = NOW.plus(Duration.ofMinutes(15)).plusSeconds(1);
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aTokenVerifiedBeforeIsRefusedFromTheMomentItsLoginEnds() {
        Set<UUID> ended = ConcurrentHashMap.newKeySet();
        AccessTokens tokens = new AccessTokens(
                new AuthProperties(KEY, "k1", null, null, null, null),
                Clock.systemUTC(),
                new MockEnvironment(),
                ended::contains);
        UUID session = UUID.randomUUID();
        String token = tokens.issue(UserId.random(), "ada", session).token();
        assertThat(tokens.verify(token)).isPresent();

        ended.add(session);

        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aTokenAlteredAfterItVerifiedIsRefused() {
        AccessTokens tokens = tokens(KEY, new MockEnvironment(), Clock.systemUTC());
        String token = tokens.issue(UserId.random(), "ada", UUID.randomUUID()).token();
        assertThat(tokens.verify(token)).isPresent();

        String[] parts = token.split("\\.");
        String otherUser = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("ada", "eve")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(parts[0] + "." + otherUser + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(token + "x")).isEmpty();
    }

    @Test
    void theKeysNeverAppearInTheProperties() {
        assertThat(new AuthProperties(KEY, "k2", "k1=" + NEXT_KEY, null, null, null).toString())
                .doesNotContain(KEY)
                .doesNotContain(NEXT_KEY);
    }

    private static AccessTokens tokens(String key, MockEnvironment environment, Clock clock) {
        return new AccessTokens(
                new AuthProperties(key, "k1", null, null, null, null), clock, environment, session -> false);
    }

    private static AccessTokens tokens(AuthProperties properties) {
        return new AccessTokens(properties, Clock.systemUTC(), new MockEnvironment(), session -> false);
    }

    /** A clock a test moves by hand. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
