package dev.taskmesh.server.attachment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expiring download links: an HMAC-SHA256 over the file's path, the user it was made for and its expiry, so a link
 * works only for that file, that user and until then. A link that has expired, was altered, or was made for someone
 * else verifies as nothing at all: the download answers 404 and says no more. The comparison takes the same time
 * whatever the signature, so its bytes cannot be guessed one by one.
 */
public final class DownloadLinks {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param key at least 32 random bytes, the same on every node (a link made by one is followed on another)
     * @param lifetime how long a link works (5 minutes by default)
     */
    public DownloadLinks(byte[] key, Duration lifetime, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the download link key must hold at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A link's query: the expiry and the signature, to append to {@code path}. */
    public record Signed(long expires, String signature) {

        public String query() {
            return "expires=" + expires + "&signature=" + signature;
        }
    }

    /** Signs {@code path} for {@code user} until the lifetime has passed. */
    public Signed sign(String path, String user) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        return new Signed(expires, signature(path, user, expires));
    }

    /** Whether the link is one this server made for {@code user} and {@code path}, and has not expired. */
    public boolean verify(String path, String user, long expires, String signature) {
        if (signature == null || !Instant.ofEpochSecond(expires).isAfter(clock.instant())) {
            return false;
        }
        byte[] expected = signature(path, user, expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The expiry of a link as sent, or empty when it is not a number. */
    public static Optional<Long> expiry(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String signature(String path, String user, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // the parts separated by a byte none of them holds, so no two different triples sign the same text
            byte[] text = (path + '\n' + user + '\n' + expires).getBytes(StandardCharsets.UTF_8);
            return ENCODER.encodeToString(mac.doFinal(text));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
