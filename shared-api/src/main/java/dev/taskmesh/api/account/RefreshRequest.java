package dev.taskmesh.api.account;

/** Body of refresh and logout: the refresh token from the last login or refresh. */
public record RefreshRequest(String refreshToken) {}
