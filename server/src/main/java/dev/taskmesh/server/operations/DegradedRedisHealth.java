package dev.taskmesh.server.operations;

import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Redis as health sees it: the usual check, but an outage reads {@code DEGRADED}, not {@code DOWN}. Redis is the fast
 * path between nodes and a cache, never the record: without it writes succeed and clients get their frames from the
 * replay log a second late (docs/operations.md#redis). A Redis outage must not take every node out of the load
 * balancer at once, so it shows in the details while readiness stays up.
 */
final class DegradedRedisHealth implements HealthIndicator {

    private static final Status DEGRADED =
            Degraded.because("Redis is unreachable: live frames come from the replay log");

    private final DataRedisHealthIndicator check;

    DegradedRedisHealth(RedisConnectionFactory connections) {
        this.check = new DataRedisHealthIndicator(connections);
    }

    @Override
    public Health health(boolean includeDetails) {
        Health health = check.health(includeDetails);
        if (health == null || Status.UP.equals(health.getStatus())) {
            return health;
        }
        return Health.status(DEGRADED).withDetails(health.getDetails()).build();
    }

    @Override
    public Health health() {
        return health(true);
    }
}
