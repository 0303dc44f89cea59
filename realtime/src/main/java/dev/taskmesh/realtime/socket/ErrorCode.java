package dev.taskmesh.realtime.socket;

import java.util.Locale;

/** The codes of {@code error} frames (docs/realtime.md); the wire form is the lower-case, dashed name. */
public enum ErrorCode {
    BAD_JSON,
    UNKNOWN_TYPE,
    INVALID_STREAM,
    INVALID_SINCE,
    FORBIDDEN,
    MEMBERSHIP_REVOKED,
    TOKEN_EXPIRED,
    SESSION_ENDED,
    RATE_LIMITED,
    TOO_MANY_SUBSCRIPTIONS,
    TOO_MANY_CONNECTIONS,
    NOT_SUBSCRIBED,
    BUS_UNAVAILABLE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
