package dev.taskmesh.realtime.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code taskmesh.realtime.*} (docs/operations.md).
 *
 * @param allowedOrigins browser origins that may open {@code /ws} (patterns such as {@code https://*.example.com});
 *     empty allows only same-origin pages; clients that send no Origin (servers, the bench) are not affected
 * @param retention how long the replay log keeps frames; a client further behind gets {@code reset}
 * @param heartbeat how often the server pings; two silent intervals drop the connection
 * @param pollInterval how often a node reads the replay log for frames the bus did not bring
 * @param maxSubscriptions streams one connection may follow at once
 * @param maxQueuedFrames frames waiting for one slow client before it is closed with 4408
 * @param maxQueuedBytes bytes waiting for one slow client before it is closed with 4408
 * @param maxFrameSize the largest client frame; a bigger one closes the connection with 1009
 * @param framesPerSecond client frames one connection may send per second on average ({@code error rate-limited}
 *     past it, close 4429 after 50 refused in 10 seconds)
 * @param frameBurst client frames one connection may send at once (a page subscribing to its streams)
 * @param maxConnectionsPerUser connections one user may hold open on one node (close 4429 past it)
 * @param maxConcurrentReplays replays this node reads from the log at once; more wait their turn
 * @param presenceTtl how long a node's presence entries live without its heartbeat: how soon the users of a dead
 *     node are seen to leave
 * @param channel the Redis channel prefix; empty means {@code taskmesh:<database name>}, so deployments that share a
 *     Redis never hear each other
 */
@ConfigurationProperties("taskmesh.realtime")
public record RealtimeProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("25s") Duration heartbeat,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("100") int maxSubscriptions,
        @DefaultValue("4096") int maxQueuedFrames,
        @DefaultValue("4MB") DataSize maxQueuedBytes,
        @DefaultValue("16KB") DataSize maxFrameSize,
        @DefaultValue("20") int framesPerSecond,
        @DefaultValue("100") int frameBurst,
        @DefaultValue("20") int maxConnectionsPerUser,
        @DefaultValue("8") int maxConcurrentReplays,
        @DefaultValue("6s") Duration presenceTtl,
        @DefaultValue("") String channel) {}
