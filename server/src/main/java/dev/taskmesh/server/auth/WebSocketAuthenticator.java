package dev.taskmesh.server.auth;

import dev.taskmesh.realtime.socket.StreamAuthenticator;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The WebSocket accepts exactly the access tokens the HTTP API accepts. */
@Component
class WebSocketAuthenticator implements StreamAuthenticator {

    private final AccessTokens tokens;
    private final SessionRevocations revocations;

    WebSocketAuthenticator(AccessTokens tokens, SessionRevocations revocations) {
        this.tokens = tokens;
        this.revocations = revocations;
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        return tokens.verifyUntil(token)
                .map(verified -> new Caller(verified.user().id(), verified.expiresAt(), verified.session()));
    }

    @Override
    public boolean ended(UUID session) {
        return revocations.isEnded(session);
    }
}
