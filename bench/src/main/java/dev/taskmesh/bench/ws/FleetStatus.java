package dev.taskmesh.bench.ws;

import java.util.List;

/**
 * How opening the connections went. A connect failure is a connection that could not be opened after the retries;
 * a subscribe failure one that opened but got no {@code subscribed} reply in time (or an error frame, or the wrong
 * subprotocol): that one means the protocol does not work.
 */
public record FleetStatus(
        int asked, int subscribed, int connectFailures, int subscribeFailures, double seconds, List<String> failures) {

    public static FleetStatus merge(List<FleetStatus> statuses) {
        return new FleetStatus(
                statuses.stream().mapToInt(FleetStatus::asked).sum(),
                statuses.stream().mapToInt(FleetStatus::subscribed).sum(),
                statuses.stream().mapToInt(FleetStatus::connectFailures).sum(),
                statuses.stream().mapToInt(FleetStatus::subscribeFailures).sum(),
                statuses.stream().mapToDouble(FleetStatus::seconds).max().orElse(0),
                statuses.stream().flatMap(s -> s.failures().stream()).limit(10).toList());
    }
}
