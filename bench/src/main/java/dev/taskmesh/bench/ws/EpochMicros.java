package dev.taskmesh.bench.ws;

import java.time.Clock;
import java.time.Instant;

/**
 * Wall-clock time in microseconds. A write is sent by the scenario and its frames arrive in generator processes:
 * only the machine's wall clock is common to both (System.nanoTime has a different origin in every JVM).
 */
public final class EpochMicros {

    private static final Clock CLOCK = Clock.systemUTC();

    private EpochMicros() {}

    public static long now() {
        Instant now = CLOCK.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
