package dev.taskmesh.server.auth;

import dev.taskmesh.realtime.socket.StreamAuthenticator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The WebSocket accepts exactly the access tokens the HTTP API accepts. */
@Component
class WebSocketAuthenticator implements StreamAuthenticator {

    private final AccessTokens tokens;

    WebSocketAuthenticator(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        return tokens.verifyUntil(token)
                .map(verified -> new Caller(verified.user().id(), verified.expiresAt()));
    }
}
