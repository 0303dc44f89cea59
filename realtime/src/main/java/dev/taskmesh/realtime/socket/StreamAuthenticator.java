package dev.taskmesh.realtime.socket;

import dev.taskmesh.api.account.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Verifies an HTTP access token for the WebSocket; the server implements it with the same key and rules. */
public interface StreamAuthenticator {

    /** Empty for anything but a valid, unexpired access token of a login that has not been ended. */
    Optional<Caller> authenticate(String token);

    /** Whether the login was ended (logout) since its token was accepted: its connections are closed then. */
    default boolean ended(UUID login) {
        return false;
    }

    /** @param login the login the token belongs to: ending it ends the connection */
    record Caller(UserId userId, Instant expiresAt, UUID login) {}
}
