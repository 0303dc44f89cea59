package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.load.OpenLoop;
import dev.taskmesh.bench.record.LatencyRecorder;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The yardstick for realtime: PUBLISH to a subscriber on another connection, at a fixed rate, measured from the
 * moment the message was sent to its arrival. Both ends are in this process, so one clock times both.
 */
final class RawRedis {

    private RawRedis() {}

    /** @return the publish-to-receive latencies, and how many messages were published and received */
    static LatencyRecorder.Snapshot publishToSubscriber(String redisUrl, double rate, Duration duration) {
        RedisClient client = RedisClient.create(redisUrl);
        Recorder received = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);
        AtomicLong count = new AtomicLong();
        String channel = "taskmesh:bench:yardstick";
        try (StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
                StatefulRedisConnection<String, String> publisher = client.connect()) {
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ch, String message) {
                    long due = Long.parseLong(message);
                    received.recordValue(Math.max(0, (System.nanoTime() - due) / 1_000));
                    count.incrementAndGet();
                }
            });
            subscriber.sync().subscribe(channel);
            LatencyRecorder.Snapshot published = OpenLoop.run(rate, duration, 1_000, index -> {
                publisher.sync().publish(channel, Long.toString(System.nanoTime()));
                return true;
            });
            // the last messages may still be on their way: wait for them, a second at most
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (count.get() < published.completed() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            Histogram latencies = received.getIntervalHistogram();
            long lost = Math.max(0, published.completed() - latencies.getTotalCount());
            return new LatencyRecorder.Snapshot(
                    latencies, latencies, latencies.getTotalCount(), lost + published.errors());
        } finally {
            client.shutdown();
        }
    }
}
