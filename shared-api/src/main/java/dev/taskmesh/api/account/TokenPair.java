package dev.taskmesh.api.account;

import java.time.Instant;

/** {@code expiresAt} is the access token's expiry; the refresh token is single-use and rotates on refresh. */
public record TokenPair(String accessToken, String refreshToken, Instant expiresAt) {

    /** Records print every component, and frameworks log what they write at debug level: never the tokens. */
    @Override
    public String toString() {
        return "TokenPair[expiresAt=" + expiresAt + "]";
    }
}
