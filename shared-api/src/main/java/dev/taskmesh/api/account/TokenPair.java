package dev.taskmesh.api.account;

import java.time.Instant;

/** {@code expiresAt} is the access token's expiry; the refresh token is single-use and rotates on refresh. */
public record TokenPair(String accessToken, String refreshToken, Instant expiresAt) {}
