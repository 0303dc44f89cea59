package dev.taskmesh.server.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A link works for its file, its user and its lifetime, and for nothing else. */
class DownloadLinksTest {

    private static final byte[] KEY = new byte[32];
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final String PATH =
            "/files/1f0c6a2e-9b1d-4a5e-8f3c-2d7b6e4a9c10/7e2d1c3b-5a4f-4e6d-9c8b-1a2b3c4d5e6f";
    private static final String USER = "5b3e8f2a-1c4d-4e7f-9a6b-3c2d1e0f9a8b";

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    private final DownloadLinks links = at(NOW);

    @Test
    void aLinkWorksForItsFileAndUserUntilItExpires() {
        DownloadLinks.Signed link = links.sign(PATH, USER);

        assertThat(link.expires()).isEqualTo(NOW.plus(Duration.ofMinutes(5)).getEpochSecond());
        assertThat(at(NOW.plus(Duration.ofMinutes(4))).verify(PATH, USER, link.expires(), link.signature()))
                .isTrue();
        assertThat(at(NOW.plus(Duration.ofMinutes(5))).verify(PATH, USER, link.expires(), link.signature()))
                .isFalse();
    }

    @Test
    void anAlteredOrForeignLinkIsNothing() {
        DownloadLinks.Signed link = links.sign(PATH, USER);
        String otherFile = PATH.substring(0, PATH.length() - 1) + "0";
        String otherUser = USER.substring(0, USER.length() - 1) + "9";
        char[] flipped = link.signature().toCharArray();
        flipped[3] = flipped[3] == 'A' ? 'B' : 'A';

        assertThat(links.verify(otherFile, USER, link.expires(), link.signature()))
                .isFalse();
        assertThat(links.verify(PATH, otherUser, link.expires(), link.signature()))
                .isFalse();
        // a later expiry written by hand does not carry the signature with it
        assertThat(links.verify(PATH, USER, link.expires() + 3600, link.signature()))
                .isFalse();
        assertThat(links.verify(PATH, USER, link.expires(), new String(flipped)))
                .isFalse();
        assertThat(links.verify(PATH, USER, link.expires(), "")).isFalse();
        assertThat(links.verify(PATH, USER, link.expires(), null)).isFalse();
        // another key (another deployment) made it
        byte[] otherKey = KEY.clone();
        otherKey[0] = 1;
        assertThat(new DownloadLinks(otherKey, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC))
                        .verify(PATH, USER, link.expires(), link.signature()))
                .isFalse();
    }

    @Test
    void refusesAShortKeyAndReadsOnlyNumbersAsExpiries() {
        assertThatThrownBy(() -> new DownloadLinks(new byte[16], Duration.ofMinutes(5), Clock.systemUTC()))
                .hasMessageContaining("32 bytes");
        assertThat(DownloadLinks.expiry("1795958400")).contains(1795958400L);
        assertThat(DownloadLinks.expiry("soon")).isEmpty();
        assertThat(DownloadLinks.expiry("")).isEmpty();
    }

    private static DownloadLinks at(Instant now) {
        return new DownloadLinks(KEY, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }
}
