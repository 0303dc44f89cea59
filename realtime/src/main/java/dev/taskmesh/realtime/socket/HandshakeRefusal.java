package dev.taskmesh.realtime.socket;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;

/** Writes a refused handshake as the server's other HTTP errors are written: RFC 9457 problem+json. */
public interface HandshakeRefusal {

    enum Reason {
        /** 401: no valid access token. */
        UNAUTHENTICATED,
        /** 400: the handshake does not offer {@code taskmesh.v1}. */
        MALFORMED
    }

    void refuse(ServerHttpRequest request, ServerHttpResponse response, Reason reason, String detail);
}
