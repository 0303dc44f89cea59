package dev.taskmesh.realtime.socket;

import dev.taskmesh.api.account.UserId;
import java.time.Instant;
import java.util.Optional;

/** Verifies an HTTP access token for the WebSocket; the server implements it with the same key and rules. */
public interface StreamAuthenticator {

    /** Empty for anything but a valid, unexpired access token. */
    Optional<Caller> authenticate(String token);

    record Caller(UserId userId, Instant expiresAt) {}
}
