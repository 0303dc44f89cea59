package dev.taskmesh.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.taskmesh.api.account.UserId;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import io.jsonwebtoken.io.Decoders;
import io.jsonwebtoken.security.Keys;
import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies HS256 access tokens. Verification takes only signed tokens (jjwt refuses {@code alg: none}),
 * with our key id, issuer and an unexpired {@code exp}, of a login ({@code sid}) that has not been ended. Tokens carry
 * identity only: membership is looked up on every request, so a role change needs no new token.
 *
 * <p>A client sends the same token with every request of its lifetime, so each token is parsed once: parsing (base64,
 * JSON, claims) cost about 8 % of a search request's thread. A token is remembered by its whole text, signature
 * included, and only once it verified; its expiry and its login are checked again on every use, so a remembered token
 * is refused from the same instant as a parsed one.
 */
@Component
public class AccessTokens {

    /**
     * The dev profile's key, public in this repository. The server accepts it only in the dev profile on the embedded
     * database: a deployment that forgot to set a profile, but points at a real database, refuses to start with it.
     */
    static final String DEV_KEY = "dGFza21lc2gtZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdGlvbi11c2U=";

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Tokens remembered, at most: some 6 MB; beyond that the least used are parsed again. */
    private static final int REMEMBERED_TOKENS = 10_000;

    private final SecretKey key;
    /** the signing key and the retired ones, by key id: a rotation keeps the last key's tokens valid until they expire */
    private final Map<String, SecretKey> verificationKeys;

    private final AuthProperties properties;
    private final Clock clock;
    private final JwtParser parser;
    private final EndedLogins ended;
    private final Cache<String, VerifiedToken> verified;

    AccessTokens(AuthProperties properties, Clock clock, Environment environment, EndedLogins ended) {
        this.properties = properties;
        this.ended = ended;
        this.clock = clock;
        this.key = signingKey(properties, environment);
        this.verificationKeys = verificationKeys(properties, key);
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(ProtectedHeader header) {
                        // an unknown kid is a token from elsewhere, or signed by a key retired for good
                        return header.getKeyId() == null ? null : verificationKeys.get(header.getKeyId());
                    }
                })
                .requireIssuer(properties.issuer())
                .clock(() -> Date.from(clock.instant()))
                .build();
        this.verified = Caffeine.newBuilder()
                .maximumSize(REMEMBERED_TOKENS)
                // no token outlives this, so none is kept longer; whether it expired is checked on each use
                .expireAfterWrite(properties.accessTokenTtl())
                .build();
    }

    /** A token of the login {@code session} (its refresh-token family): ending the login ends the token. */
    public IssuedToken issue(UserId userId, String handle, UUID session) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        String token = Jwts.builder()
                .header()
                .keyId(properties.jwtKeyId())
                .and()
                .issuer(properties.issuer())
                .subject(userId.toString())
                .claim("handle", handle)
                .claim("sid", session.toString())
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new IssuedToken(token, expiresAt);
    }

    /** Empty for anything but a valid, unexpired token of ours: expired, tampered, unsigned or foreign alike. */
    public Optional<CurrentUser> verify(String token) {
        return verifyUntil(token).map(VerifiedToken::user);
    }

    /** As {@link #verify}, with the token's expiry: a WebSocket connection lives only as long as its token. */
    public Optional<VerifiedToken> verifyUntil(String token) {
        VerifiedToken known = verified.getIfPresent(token);
        if (known == null) {
            Optional<VerifiedToken> parsed = parse(token);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            known = parsed.get();
            verified.put(token, known);
        }
        // jjwt's rule for a parsed token, without clock skew: valid up to and including its exp second
        boolean expired = clock.instant().isAfter(known.expiresAt());
        return expired || ended.isEnded(known.session()) ? Optional.empty() : Optional.of(known);
    }

    /** The token's claims, when its signature, key id, issuer and expiry hold. */
    private Optional<VerifiedToken> parse(String token) {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            String sid = claims.get("sid", String.class);
            // a token without a login cannot be ended: none is issued so, and one is refused
            if (sid == null) {
                return Optional.empty();
            }
            UUID session = UUID.fromString(sid);
            CurrentUser user =
                    new CurrentUser(UserId.parse(claims.getSubject()), claims.get("handle", String.class), session);
            return Optional.of(new VerifiedToken(user, claims.getExpiration().toInstant(), session));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public record IssuedToken(String token, Instant expiresAt) {}

    public record VerifiedToken(CurrentUser user, Instant expiresAt, UUID session) {}

    /** Logins ended before their tokens expire ({@link SessionRevocations}). */
    @FunctionalInterface
    public interface EndedLogins {
        boolean isEnded(UUID session);
    }

    /** The signing key under its id, and each retired key ({@code kid=base64,...}) under its own. */
    private static Map<String, SecretKey> verificationKeys(AuthProperties properties, SecretKey signing) {
        Map<String, SecretKey> keys = new HashMap<>();
        keys.put(properties.jwtKeyId(), signing);
        String retired = properties.retiredJwtKeys();
        if (retired == null || retired.isBlank()) {
            return Map.copyOf(keys);
        }
        String[] entries = retired.split(",");
        for (int i = 0; i < entries.length; i++) {
            // messages name the entry by its place, never by its text: a mistyped entry may be all key
            String name = "entry " + (i + 1) + " of TASKMESH_JWT_RETIRED_KEYS";
            int equals = entries[i].indexOf('=');
            String keyId = equals < 0 ? "" : entries[i].substring(0, equals).strip();
            String encoded = equals < 0 ? "" : entries[i].substring(equals + 1).strip();
            if (!KEY_ID.matcher(keyId).matches() || encoded.isEmpty()) {
                throw new IllegalStateException(name + " is not kid=base64 (a key id of at most 64 letters, digits,"
                        + " '.', '_' or '-', then the key)");
            }
            if (keys.containsKey(keyId)) {
                throw new IllegalStateException(
                        name + " reuses a key id, maybe the signing key's own: a rotation needs a new key id");
            }
            keys.put(keyId, hmacKey(encoded, name));
        }
        return Map.copyOf(keys);
    }

    private static SecretKey signingKey(AuthProperties properties, Environment environment) {
        String encoded = properties.jwtKey();
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalStateException(
                    "No JWT signing key: set TASKMESH_JWT_KEY to a base64 key of at least 32 random bytes");
        }
        boolean embedded = environment.getProperty("taskmesh.embedded-database", Boolean.class, false);
        if (encoded.equals(DEV_KEY) && !(environment.acceptsProfiles(Profiles.of("dev")) && embedded)) {
            throw new IllegalStateException("The public development JWT key is only for the dev profile on the embedded"
                    + " database: set TASKMESH_JWT_KEY");
        }
        return hmacKey(encoded, "TASKMESH_JWT_KEY");
    }

    private static SecretKey hmacKey(String encoded, String name) {
        byte[] bytes;
        try {
            bytes = Decoders.BASE64.decode(encoded);
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " is not valid base64");
        }
        if (bytes.length < 32) {
            throw new IllegalStateException(name + " must hold at least 32 bytes (256 bits) for HS256");
        }
        SecretKey secretKey = Keys.hmacShaKeyFor(bytes);
        Arrays.fill(bytes, (byte) 0);
        return secretKey;
    }
}
