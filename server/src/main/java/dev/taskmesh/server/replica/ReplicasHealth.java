package dev.taskmesh.server.replica;

import dev.taskmesh.server.operations.Degraded;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The replicas in health and readiness: {@code UP} when every one is in the rotation (or none is configured),
 * {@code DEGRADED} when one is out, since the primary then serves its reads: a node stays in the load balancer. Each
 * replica's state, lag and last problem are in the details.
 */
final class ReplicasHealth implements HealthIndicator {

    private static final Status DEGRADED =
            Degraded.because("A replica is out of the rotation: the primary serves its reads");

    private final Replicas replicas;

    ReplicasHealth(Replicas replicas) {
        this.replicas = replicas;
    }

    @Override
    public Health health(boolean includeDetails) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean allIn = true;
        for (Replica replica : replicas.all()) {
            Replica.State state = replica.state();
            allIn &= state.inRotation();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("inRotation", state.inRotation());
            detail.put("lagBytes", state.lagBytes());
            detail.put("lagSeconds", state.lagSeconds());
            if (state.problem() != null) {
                detail.put("problem", state.problem());
            }
            details.put(replica.name(), detail);
        }
        Health.Builder health = Health.status(allIn ? Status.UP : DEGRADED);
        if (!replicas.any()) {
            health.withDetail("replicas", "none configured: every read goes to the primary");
        }
        return includeDetails ? health.withDetails(details).build() : health.build();
    }

    @Override
    public Health health() {
        return health(true);
    }
}
