package dev.taskmesh.server.web;

import dev.taskmesh.realtime.socket.HandshakeRefusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;

/** A refused WebSocket handshake is answered like any other HTTP error: problem+json from the one list of types. */
@Component
class ProblemHandshakeRefusal implements HandshakeRefusal {

    private final Problems problems;

    ProblemHandshakeRefusal(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void refuse(ServerHttpRequest request, ServerHttpResponse response, Reason reason, String detail) {
        ProblemType type =
                reason == Reason.UNAUTHENTICATED ? ProblemType.UNAUTHENTICATED : ProblemType.MALFORMED_REQUEST;
        if (request instanceof ServletServerHttpRequest servletRequest
                && response instanceof ServletServerHttpResponse servletResponse) {
            if (reason == Reason.UNAUTHENTICATED) {
                servletResponse.getServletResponse().setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            }
            try {
                problems.write(servletRequest.getServletRequest(), servletResponse.getServletResponse(), type, detail);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            response.setStatusCode(type.status());
        }
    }
}
