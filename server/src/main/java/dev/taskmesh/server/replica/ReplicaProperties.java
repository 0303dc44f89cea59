package dev.taskmesh.server.replica;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code taskmesh.replicas.*}: the replicas' JDBC URLs ({@code TASKMESH_REPLICA_URLS}, comma-separated; none: every
 * read goes to the primary), their credentials (the primary's unless set), how far behind one may fall before it
 * leaves the rotation, and how long a read that must see a write waits for a replica before it goes to the primary.
 */
@ConfigurationProperties("taskmesh.replicas")
public record ReplicaProperties(
        List<String> urls,
        String user,
        String password,
        Duration maxLag,
        Duration readYourWritesWait,
        Duration checkInterval,
        Integer poolSize) {

    public ReplicaProperties {
        urls = urls == null
                ? List.of()
                : urls.stream().map(String::strip).filter(url -> !url.isEmpty()).toList();
        for (String url : urls) {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException(
                        "taskmesh.replicas.urls must be jdbc:postgresql:// URLs, not: " + url);
            }
        }
        maxLag = maxLag == null ? Duration.ofSeconds(10) : maxLag;
        readYourWritesWait = readYourWritesWait == null ? Duration.ofMillis(200) : readYourWritesWait;
        checkInterval = checkInterval == null ? Duration.ofMillis(500) : checkInterval;
        poolSize = poolSize == null ? 10 : poolSize;
        if (maxLag.isNegative() || readYourWritesWait.isNegative() || checkInterval.isNegative() || poolSize < 1) {
            throw new IllegalArgumentException(
                    "taskmesh.replicas: durations must not be negative, pool-size at least 1");
        }
    }
}
