package dev.taskmesh.bench.ws;

import java.util.List;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * What a generator process measured of a reconnect storm: its clients' sockets had died, and every one reconnected
 * at once with {@code since} its last position. Times are microseconds from the moment the process began the storm,
 * as compressed histograms (see {@link GeneratorReport}) so that the processes' distributions merge exactly.
 *
 * @param asked clients that had been subscribed before the storm
 * @param stillOpen of those, sockets not yet seen closed when the storm began (aborted then)
 * @param subscribed clients whose resumed subscription was confirmed
 * @param caughtUp clients that received every measured frame expected of their stream
 * @param expected measured frames the clients should have received, summed
 * @param delivered of those, how many arrived (each once)
 * @param closedEarly resumed clients the server closed (or that failed) before they caught up
 * @param toSubscribed per client, the time until its subscription was confirmed
 * @param toCaughtUp per client, the time until its last expected frame arrived
 */
public record StormReport(
        int asked,
        int stillOpen,
        int subscribed,
        int connectFailures,
        int subscribeFailures,
        int caughtUp,
        long expected,
        long delivered,
        long duplicates,
        long holes,
        long resets,
        long errorFrames,
        int closedEarly,
        List<String> failures,
        String toSubscribed,
        String toCaughtUp) {

    public Histogram toSubscribedHistogram() {
        return GeneratorReport.decode(toSubscribed);
    }

    public Histogram toCaughtUpHistogram() {
        return GeneratorReport.decode(toCaughtUp);
    }

    /** The reports of several processes as one, their histograms added up. */
    public static StormReport merge(List<StormReport> reports) {
        Histogram subscribedTimes = new Histogram(3);
        Histogram caughtUpTimes = new Histogram(3);
        for (StormReport report : reports) {
            subscribedTimes.add(report.toSubscribedHistogram());
            caughtUpTimes.add(report.toCaughtUpHistogram());
        }
        return new StormReport(
                (int) sum(reports, StormReport::asked),
                (int) sum(reports, StormReport::stillOpen),
                (int) sum(reports, StormReport::subscribed),
                (int) sum(reports, StormReport::connectFailures),
                (int) sum(reports, StormReport::subscribeFailures),
                (int) sum(reports, StormReport::caughtUp),
                sum(reports, StormReport::expected),
                sum(reports, StormReport::delivered),
                sum(reports, StormReport::duplicates),
                sum(reports, StormReport::holes),
                sum(reports, StormReport::resets),
                sum(reports, StormReport::errorFrames),
                (int) sum(reports, StormReport::closedEarly),
                reports.stream().flatMap(r -> r.failures().stream()).limit(10).toList(),
                GeneratorReport.encode(subscribedTimes),
                GeneratorReport.encode(caughtUpTimes));
    }

    private static long sum(List<StormReport> reports, ToLongFunction<StormReport> field) {
        return reports.stream().mapToLong(field).sum();
    }
}
