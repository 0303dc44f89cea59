package dev.taskmesh.server.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets in this node's memory, for the command limit: every write passes it, and a bucket in memory costs
 * nanoseconds where one in Redis costs two round trips (the write-path scenario measured the difference). The limit
 * is then the node's: behind a load balancer that spreads one user over n nodes, a user gets up to n times it, which
 * still stops a runaway script. A full bucket is the same as none, so full ones are dropped now and then: memory
 * follows the users active lately, not every user ever seen.
 */
final class LocalBuckets {

    private static final long SWEEP_EVERY = 4096;

    private final RateLimitProperties.Limit limit;
    private final TimeMeter clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    LocalBuckets(RateLimitProperties.Limit limit) {
        this(limit, TimeMeter.SYSTEM_NANOTIME);
    }

    LocalBuckets(RateLimitProperties.Limit limit, TimeMeter clock) {
        this.limit = limit;
        this.clock = clock;
    }

    ConsumptionProbe tryConsume(String subject) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            // a request racing the sweep may land in a dropped bucket: one request too many, once, is the price
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= limit.requests());
        }
        return buckets.computeIfAbsent(
                        subject,
                        key -> Bucket.builder()
                                .addLimit(limit.bandwidth())
                                .withCustomTimePrecision(clock)
                                .build())
                .tryConsumeAndReturnRemaining(1);
    }

    int size() {
        return buckets.size();
    }
}
