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
 * @param maxFrameSize the largest client frame; a bigger one closes the connection with 1009
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
        @DefaultValue("16KB") DataSize maxFrameSize,
        @DefaultValue("") String channel) {}
