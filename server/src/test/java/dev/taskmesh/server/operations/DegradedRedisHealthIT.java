package dev.taskmesh.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.TestInfrastructure;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Redis reads UP when it answers and DEGRADED, never DOWN, when it does not: a node stays in the load balancer. */
class DegradedRedisHealthIT {

    @Test
    void aReachableRedisIsUp() {
        URI redis = URI.create(TestInfrastructure.get().redisUrl());
        assertThat(healthOf(redis.getHost(), redis.getPort()).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void anUnreachableRedisIsDegradedWithItsCause() throws Exception {
        Health health = healthOf("127.0.0.1", TestInfrastructure.freePort()); // nothing listens there
        assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(health.getDetails()).containsKey("error");
    }

    private static Health healthOf(String host, int port) {
        LettuceConnectionFactory connections =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port));
        connections.afterPropertiesSet();
        try {
            return new DegradedRedisHealth(connections).health(true);
        } finally {
            connections.destroy();
        }
    }
}
