package dev.taskmesh.bench.load;

import java.io.IOException;
import java.time.Duration;

/**
 * A warm-up that lasts until the server's JIT compiler has settled, rather than for a fixed time: on two cores, after
 * 30 s of searches the compiler threads still took a fifth of a core through the measured minute, as much as the
 * request threads, and a step measured a server still compiling its hot paths rather than one that has run for a
 * day. The compiler's own meter ({@code jvm.compilation.time}, milliseconds spent compiling) says when it has.
 */
public final class JitWarmUp {

    /** How long each round of load lasts between two readings of the compiler's time. */
    public static final Duration ROUND = Duration.ofSeconds(10);

    /** Compiling for less than this share of a round counts as settled (2 %: 200 ms in 10 s). */
    private static final double SETTLED = 0.02;

    private JitWarmUp() {}

    /** The server's compile time so far in milliseconds, NaN when it has no such meter. */
    @FunctionalInterface
    public interface CompileTime {
        double millis() throws IOException, InterruptedException;
    }

    /**
     * What the warm-up took: its length, and the share of the last round the compiler still took (NaN without the
     * meter).
     */
    public record Outcome(Duration took, double lastShare, boolean settled) {}

    /**
     * Runs {@code call} from {@code clients} closed-loop clients for at least {@code least}, then round by round until
     * the compiler settles or {@code most} has passed.
     */
    public static Outcome run(int clients, Duration least, Duration most, CompileTime compiled, Call call)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        ClosedLoop.run(clients, least, call);
        double before = compiled.millis();
        double share = Double.NaN;
        while (!Double.isNaN(before) && elapsed(started).plus(ROUND).compareTo(most) <= 0) {
            ClosedLoop.run(clients, ROUND, call);
            double after = compiled.millis();
            share = (after - before) / ROUND.toMillis();
            before = after;
            if (share < SETTLED) {
                return new Outcome(elapsed(started), share, true);
            }
        }
        return new Outcome(elapsed(started), share, false);
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
