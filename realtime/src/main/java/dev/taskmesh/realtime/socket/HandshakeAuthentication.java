package dev.taskmesh.realtime.socket;

import dev.taskmesh.realtime.socket.StreamAuthenticator.Caller;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Authenticates the WebSocket handshake, before the upgrade: a bad or missing token is an HTTP 401, so no
 * unauthenticated connection ever exists. Browsers cannot set headers on a WebSocket, so the token comes as a second
 * offered subprotocol {@code bearer.<jwt>}. Never in the URL: URLs end up in access logs, proxies' logs and browser
 * history, so a token offered as a query parameter is refused (400), not used.
 */
public class HandshakeAuthentication implements HandshakeInterceptor {

    static final String CALLER = Caller.class.getName();
    private static final String BEARER = "bearer.";

    private final StreamAuthenticator authenticator;
    private final HandshakeRefusal refusal;

    public HandshakeAuthentication(StreamAuthenticator authenticator, HandshakeRefusal refusal) {
        this.authenticator = authenticator;
        this.refusal = refusal;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        List<String> protocols = offeredProtocols(request.getHeaders());
        if (!protocols.contains(StreamSocketHandler.PROTOCOL)) {
            return refuse(
                    request,
                    response,
                    HandshakeRefusal.Reason.MALFORMED,
                    "Offer the subprotocol " + StreamSocketHandler.PROTOCOL + " (docs/realtime.md).");
        }
        if (UriComponentsBuilder.fromUri(request.getURI())
                .build()
                .getQueryParams()
                .containsKey("access_token")) {
            return refuse(
                    request,
                    response,
                    HandshakeRefusal.Reason.MALFORMED,
                    "A token in the URL ends up in logs: offer it as the subprotocol bearer.<token> (docs/realtime.md).");
        }
        Optional<Caller> caller = token(protocols).flatMap(authenticator::authenticate);
        if (caller.isEmpty()) {
            return refuse(
                    request, response, HandshakeRefusal.Reason.UNAUTHENTICATED, "A valid access token is required.");
        }
        attributes.put(CALLER, caller.get());
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}

    private static Optional<String> token(List<String> protocols) {
        return protocols.stream()
                .filter(protocol -> protocol.startsWith(BEARER))
                .map(protocol -> protocol.substring(BEARER.length()))
                .findFirst();
    }

    private static List<String> offeredProtocols(HttpHeaders headers) {
        return headers.getOrEmpty("Sec-WebSocket-Protocol").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(protocol -> !protocol.isEmpty())
                .toList();
    }

    private boolean refuse(
            ServerHttpRequest request, ServerHttpResponse response, HandshakeRefusal.Reason reason, String detail) {
        refusal.refuse(request, response, reason, detail);
        return false;
    }
}
