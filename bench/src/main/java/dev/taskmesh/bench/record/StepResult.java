package dev.taskmesh.bench.record;

/**
 * One measured step of a scenario: a workload at one rate or concurrency. {@code latency} counts from the intended
 * start (open loop), the send (closed loop) or, for frames, the HTTP response of the write that caused them;
 * {@code serviceLatency} always from the send.
 *
 * @param kind {@code open} (fixed arrival rate), {@code closed} (N clients back to back), {@code yardstick} or
 *     {@code broadcast} (WebSocket frames: {@code requests} counts frames delivered, {@code errors} those missing,
 *     duplicated or out of order)
 * @param targetRate requests per second asked for (open loop), 0 otherwise
 * @param concurrency client threads (closed loop) or requests in flight allowed (open loop)
 */
public record StepResult(
        String name,
        String kind,
        double targetRate,
        int concurrency,
        double seconds,
        long requests,
        long errors,
        double throughput,
        Latency latency,
        Latency serviceLatency) {

    public static StepResult of(
            String name, String kind, double targetRate, int concurrency, double seconds, LatencyRecorder.Snapshot s) {
        return new StepResult(
                name,
                kind,
                targetRate,
                concurrency,
                seconds,
                s.completed(),
                s.errors(),
                Math.round(s.completed() / seconds * 10) / 10.0,
                Latency.of(s.fromIntended()),
                Latency.of(s.fromSend()));
    }
}
