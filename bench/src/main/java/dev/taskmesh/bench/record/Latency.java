package dev.taskmesh.bench.record;

import org.HdrHistogram.Histogram;

/** A latency distribution as the results report it, in milliseconds. */
public record Latency(double p50, double p90, double p99, double p999, double max, double mean) {

    public static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0, 0);
        }
        return new Latency(
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()),
                Math.round(micros.getMean()) / 1000.0);
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
