package dev.taskmesh.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalBucketsTest {

    /** A clock the test moves. */
    private final AtomicLong nanos = new AtomicLong();

    private final LocalBuckets buckets =
            new LocalBuckets(new RateLimitProperties.Limit(2, Duration.ofMinutes(1)), new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return nanos.get();
                }

                @Override
                public boolean isWallClockBased() {
                    return false;
                }
            });

    @Test
    void eachUserHasTheLimitOnTheirOwnAndWaitsForTheRefill() {
        assertThat(buckets.tryConsume("ada").isConsumed()).isTrue();
        assertThat(buckets.tryConsume("ada").isConsumed()).isTrue();

        ConsumptionProbe refused = buckets.tryConsume("ada");

        assertThat(refused.isConsumed()).isFalse();
        // two per minute, refilled evenly: the next one in half a minute
        assertThat(Duration.ofNanos(refused.getNanosToWaitForRefill())).isEqualTo(Duration.ofSeconds(30));
        assertThat(buckets.tryConsume("bob").isConsumed()).isTrue();
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(buckets.tryConsume("ada").isConsumed()).isTrue();
    }

    @Test
    void fullBucketsAreDroppedSoMemoryFollowsTheUsersActiveLately() {
        buckets.tryConsume("ada");
        buckets.tryConsume("bob");
        nanos.addAndGet(Duration.ofMinutes(1).toNanos()); // ada's bucket is full again; bob's too, but bob goes on

        for (int call = 3; call <= 4096; call++) { // the 4096th call sweeps
            buckets.tryConsume("bob");
        }

        assertThat(buckets.size()).isEqualTo(1);
        assertThat(buckets.tryConsume("ada").isConsumed()).isTrue(); // a dropped bucket is a full one
    }
}
