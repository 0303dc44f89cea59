package dev.taskmesh.bench.ws;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * What a generator process measured, as it prints it on its last line: counters, and its two latency histograms
 * (microseconds) compressed and base64-encoded so that the parent can merge the processes' distributions exactly.
 *
 * @param expected TaskCreated frames of measured writes that its subscribed connections should have received
 * @param delivered of those, how many arrived (each once)
 * @param missing expected frames that did not arrive, summed over connections
 * @param extra frames of measured writes beyond the expected ones (a write that failed over HTTP, yet was stored)
 * @param events all event frames that advanced a stream, warm-up included
 * @param closedEarly connections the server closed (or that failed) before the end
 * @param unmatched frames whose write's times never came: they are in {@code delivered} but not in the histograms
 * @param reconnects sockets that went and were resumed with {@code since} (clients that follow their streams)
 */
public record GeneratorReport(
        long expected,
        long delivered,
        long missing,
        long extra,
        long duplicates,
        long holes,
        long resets,
        long early,
        long events,
        long errorFrames,
        long badFrames,
        long socketErrors,
        int closedEarly,
        long unmatched,
        long reconnects,
        String fromResponse,
        String fromSend) {

    public Histogram fromResponseHistogram() {
        return decode(fromResponse);
    }

    public Histogram fromSendHistogram() {
        return decode(fromSend);
    }

    /** The reports of several processes as one, their histograms added up. */
    public static GeneratorReport merge(List<GeneratorReport> reports) {
        Histogram response = new Histogram(3);
        Histogram send = new Histogram(3);
        for (GeneratorReport report : reports) {
            response.add(report.fromResponseHistogram());
            send.add(report.fromSendHistogram());
        }
        return new GeneratorReport(
                sum(reports, GeneratorReport::expected),
                sum(reports, GeneratorReport::delivered),
                sum(reports, GeneratorReport::missing),
                sum(reports, GeneratorReport::extra),
                sum(reports, GeneratorReport::duplicates),
                sum(reports, GeneratorReport::holes),
                sum(reports, GeneratorReport::resets),
                sum(reports, GeneratorReport::early),
                sum(reports, GeneratorReport::events),
                sum(reports, GeneratorReport::errorFrames),
                sum(reports, GeneratorReport::badFrames),
                sum(reports, GeneratorReport::socketErrors),
                (int) sum(reports, GeneratorReport::closedEarly),
                sum(reports, GeneratorReport::unmatched),
                sum(reports, GeneratorReport::reconnects),
                encode(response),
                encode(send));
    }

    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a generator's histogram does not decode", e);
        }
    }

    private static long sum(List<GeneratorReport> reports, ToLongFunction<GeneratorReport> field) {
        return reports.stream().mapToLong(field).sum();
    }
}
