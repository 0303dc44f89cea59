package dev.taskmesh.server.auth;

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
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies HS256 access tokens. Verification takes only signed tokens (jjwt refuses {@code alg: none}),
 * with our key id, issuer and an unexpired {@code exp}. Tokens carry identity only: membership is looked up on
 * every request, so a role change needs no new token.
 */
@Component
public class AccessTokens {

    /**
     * The dev profile's key, public in this repository. The server accepts it only in the dev profile on the embedded
     * database: a deployment that forgot to set a profile, but points at a real database, refuses to start with it.
     */
    static final String DEV_KEY = "dGFza21lc2gtZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdGlvbi11c2U=";

    private final SecretKey key;
    private final AuthProperties properties;
    private final Clock clock;
    private final JwtParser parser;

    AccessTokens(AuthProperties properties, Clock clock, Environment environment) {
        this.properties = properties;
        this.clock = clock;
        this.key = signingKey(properties, environment);
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(ProtectedHeader header) {
                        // an unknown kid is a token from elsewhere; rotation will add keys here
                        return properties.jwtKeyId().equals(header.getKeyId()) ? key : null;
                    }
                })
                .requireIssuer(properties.issuer())
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    public IssuedToken issue(UserId userId, String handle) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        String token = Jwts.builder()
                .header()
                .keyId(properties.jwtKeyId())
                .and()
                .issuer(properties.issuer())
                .subject(userId.toString())
                .claim("handle", handle)
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
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            CurrentUser user = new CurrentUser(UserId.parse(claims.getSubject()), claims.get("handle", String.class));
            return Optional.of(new VerifiedToken(user, claims.getExpiration().toInstant()));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public record IssuedToken(String token, Instant expiresAt) {}

    public record VerifiedToken(CurrentUser user, Instant expiresAt) {}

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
        byte[] bytes;
        try {
            bytes = Decoders.BASE64.decode(encoded);
        } catch (RuntimeException e) {
            throw new IllegalStateException("TASKMESH_JWT_KEY is not valid base64");
        }
        if (bytes.length < 32) {
            throw new IllegalStateException("TASKMESH_JWT_KEY must hold at least 32 bytes (256 bits) for HS256");
        }
        SecretKey secretKey = Keys.hmacShaKeyFor(bytes);
        Arrays.fill(bytes, (byte) 0);
        return secretKey;
    }
}
