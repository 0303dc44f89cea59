package dev.taskmesh.server.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code taskmesh.auth.*}: the HS256 signing key (base64, at least 256 bits) with its key id, and token lifetimes.
 * The key comes from {@code TASKMESH_JWT_KEY} outside the dev profile; it is never logged.
 *
 * @param retiredJwtKeys keys that no longer sign but still verify, during a rotation: {@code kid=base64,...}
 *     ({@code TASKMESH_JWT_RETIRED_KEYS}); drop one once the access-token lifetime has passed since it last signed
 */
@ConfigurationProperties("taskmesh.auth")
public record AuthProperties(
        String jwtKey,
        String jwtKeyId,
        String retiredJwtKeys,
        String issuer,
        Duration accessTokenTtl,
        Duration refreshTokenTtl) {

    public AuthProperties {
        issuer = issuer == null ? "taskmesh" : issuer;
        jwtKeyId = jwtKeyId == null ? "k1" : jwtKeyId;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
    }

    @Override
    public String toString() {
        // records print every component; this one holds a secret
        return "AuthProperties[jwtKeyId=" + jwtKeyId + ", issuer=" + issuer + "]";
    }
}
