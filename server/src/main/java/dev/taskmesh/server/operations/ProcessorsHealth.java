package dev.taskmesh.server.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * This node's own event processors: each must be running for the node to be ready. One that is running but failing
 * (retrying a batch, its database unreachable) reads {@code DEGRADED}: the node still serves, and the cause shows in
 * its lag and its log. The segments each processor holds on this node are in the details.
 */
final class ProcessorsHealth implements HealthIndicator {

    private static final Status FAILING = Degraded.because("A processor is retrying a batch that failed");

    private final EventProcessingConfiguration processing;

    ProcessorsHealth(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health(boolean includeDetails) {
        Map<String, Object> details = new LinkedHashMap<>();
        Status status = Status.UP;
        for (Map.Entry<String, EventProcessor> entry :
                processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            String state = processor.isRunning() ? (processor.isError() ? "failing" : "running") : "stopped";
            if (!processor.isRunning()) {
                status = Status.DOWN;
            } else if (processor.isError() && status.equals(Status.UP)) {
                status = FAILING;
            }
            if (processor instanceof StreamingEventProcessor streaming) {
                details.put(
                        entry.getKey(),
                        Map.of(
                                "state",
                                state,
                                "segments",
                                streaming.processingStatus().keySet()));
            } else {
                details.put(entry.getKey(), Map.of("state", state));
            }
        }
        Health.Builder health = Health.status(status);
        return includeDetails ? health.withDetails(details).build() : health.build();
    }

    @Override
    public Health health() {
        return health(true);
    }
}
