package dev.taskmesh.bench.ws;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the clients of one or more generator processes saw while they followed their streams through faults, each
 * reconnecting with {@code since} its last position whenever its socket went (see {@link WsFleet#follow}), checked
 * against the streams' heads once the writes had stopped.
 *
 * @param clients clients that were subscribed when following began
 * @param atHead clients whose last position reached their stream's head
 * @param expected positions the clients should have seen: per client, from where it first subscribed to the head
 * @param delivered event frames received in order, each position once
 * @param missing positions short of the head at the end (a client that never caught up)
 * @param beyond positions past the head the parent read: frames the check did not expect
 * @param duplicates frames at or below a position the client had already seen
 * @param holes frames that skipped at least one position
 * @param resets {@code reset} frames: the server could not replay what was missed
 * @param reconnects sockets that went and were replaced by a resumed subscription
 * @param busUnavailable {@code error bus-unavailable} frames (Redis away: expected, informative)
 * @param otherErrorFrames every other error frame
 * @param disconnected clients with no open socket at the end
 * @param closes closed sockets by close code; 1006 (abnormal closure) is one that dropped, as a killed node's do
 */
public record FollowReport(
        int clients,
        int atHead,
        long expected,
        long delivered,
        long missing,
        long beyond,
        long duplicates,
        long holes,
        long resets,
        long reconnects,
        long busUnavailable,
        long otherErrorFrames,
        int disconnected,
        Map<Integer, Long> closes,
        List<String> failures) {

    public static FollowReport merge(List<FollowReport> reports) {
        FollowReport sum = new FollowReport(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), List.of());
        for (FollowReport r : reports) {
            sum = new FollowReport(
                    sum.clients + r.clients,
                    sum.atHead + r.atHead,
                    sum.expected + r.expected,
                    sum.delivered + r.delivered,
                    sum.missing + r.missing,
                    sum.beyond + r.beyond,
                    sum.duplicates + r.duplicates,
                    sum.holes + r.holes,
                    sum.resets + r.resets,
                    sum.reconnects + r.reconnects,
                    sum.busUnavailable + r.busUnavailable,
                    sum.otherErrorFrames + r.otherErrorFrames,
                    sum.disconnected + r.disconnected,
                    add(sum.closes, r.closes),
                    concat(sum.failures, r.failures));
        }
        return sum;
    }

    /** Every client at its head, every position once and in order. */
    public boolean complete() {
        return clients > 0
                && atHead == clients
                && missing == 0
                && beyond == 0
                && duplicates == 0
                && holes == 0
                && resets == 0
                && delivered == expected;
    }

    private static Map<Integer, Long> add(Map<Integer, Long> a, Map<Integer, Long> b) {
        Map<Integer, Long> sum = new TreeMap<>(a);
        b.forEach((code, count) -> sum.merge(code, count, Long::sum));
        return sum;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).limit(10).toList();
    }
}
