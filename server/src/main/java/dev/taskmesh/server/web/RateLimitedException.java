package dev.taskmesh.server.web;

import java.time.Duration;

/** A request refused by a rate limit: 429 with {@code Retry-After}, in whole seconds, rounded up. */
public class RateLimitedException extends ProblemException {

    private final long retryAfterSeconds;

    public RateLimitedException(String detail, Duration retryAfter) {
        super(ProblemType.RATE_LIMITED, detail);
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
