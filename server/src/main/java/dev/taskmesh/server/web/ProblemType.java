package dev.taskmesh.server.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The one list of problem types TaskMesh answers with (docs/api.md#errors). A type is a stable slug under
 * https://taskmesh.dev/problems/; clients switch on it, never on the human {@code detail}.
 */
public enum ProblemType {
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
    INVALID_CREDENTIALS("invalid-credentials", HttpStatus.UNAUTHORIZED, "Invalid credentials"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
    EMAIL_UNVERIFIED("email-unverified", HttpStatus.FORBIDDEN, "Email address not verified"),
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Validation failed"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed"),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", HttpStatus.CONFLICT, "Idempotency key in use"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    PROJECTION_LAGGING(
            "projection-lagging", HttpStatus.SERVICE_UNAVAILABLE, "Read model not yet at the requested position"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Not served by this node"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private static final String BASE = "https://taskmesh.dev/problems/";

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
