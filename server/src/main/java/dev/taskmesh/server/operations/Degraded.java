package dev.taskmesh.server.operations;

import org.springframework.boot.health.contributor.Status;

/**
 * The health status between UP and DOWN: the node still serves (HTTP 200, ranked by
 * {@code management.endpoint.health.status.order}), but a part it leans on is away and something else stands in.
 */
public final class Degraded {

    public static final String CODE = "DEGRADED";

    private Degraded() {}

    /** DEGRADED, saying what stands in for what. */
    public static Status because(String description) {
        return new Status(CODE, description);
    }
}
