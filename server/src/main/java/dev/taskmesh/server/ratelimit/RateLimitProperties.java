package dev.taskmesh.server.ratelimit;

import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP abuse limits (docs/security.md#abuse-limits), each a number of requests per period, refilled evenly over
 * the period: sign-ins per client address and per account from one address, sign-ups per client address, account
 * emails asked for (password resets, verification links) per client address and per account, and commands (every
 * write under /api) per user and node. The WebSocket's limits are the realtime module's.
 *
 * @param enabled off only for load tests that drive one account far beyond a person's pace
 * @param redisUrl the Redis that holds the sign-in and sign-up counts, shared by every node so those limits are the
 *     cluster's, not a node's
 */
@ConfigurationProperties("taskmesh.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30/1m") Limit loginPerAddress,
        @DefaultValue("5/1m") Limit loginPerAccount,
        @DefaultValue("10/1h") Limit registrationPerAddress,
        @DefaultValue("20/1h") Limit accountEmailPerAddress,
        @DefaultValue("3/1h") Limit accountEmailPerAccount,
        @DefaultValue("300/1m") Limit commandsPerUser,
        String redisUrl) {

    /** {@code requests} per {@code period}, written {@code 30/1m} in configuration. */
    public record Limit(long requests, Duration period) {

        public Limit {
            if (requests < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs at least one request per positive period");
            }
        }

        /** The bucket's one bandwidth: {@code requests} at once, refilled evenly over {@code period}. */
        public Bandwidth bandwidth() {
            return Bandwidth.builder()
                    .capacity(requests)
                    .refillGreedy(requests, period)
                    .build();
        }

        /** Parses {@code <requests>/<period>}, the period as Spring writes durations: 10s, 1m, 1h. */
        public static Limit parse(String text) {
            String[] parts = text.strip().split("/", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        "a rate limit is written <requests>/<period>, such as 30/1m; got '" + text + "'");
            }
            try {
                return new Limit(
                        Long.parseLong(parts[0].strip()),
                        org.springframework.boot.convert.DurationStyle.detectAndParse(parts[1].strip()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "a rate limit is written <requests>/<period>, such as 30/1m; got '" + text + "'", e);
            }
        }
    }
}
