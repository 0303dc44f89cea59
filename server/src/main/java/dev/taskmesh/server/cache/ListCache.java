package dev.taskmesh.server.cache;

import dev.taskmesh.api.wire.Page;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.query.config.ReadModelChanges;
import dev.taskmesh.server.web.PageRequest;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages of a workspace's member and project lists, kept in Redis. Each workspace has a version per list, and a page
 * is stored under the version it was read at; a change increments the version (ReadModelChanges, after the change
 * commits), so every older page is simply never asked for again and expires.
 *
 * <p>Only lists, never authorisation: who may read a workspace is decided from the membership table before a
 * cache is touched, so an outdated or unreachable cache can serve stale names but never grant access. Redis being
 * down costs nothing but the cache: each call gives up after 200 ms, and for a second after a failure Redis is not
 * asked at all.
 */
@Component
public class ListCache implements ReadModelChanges, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ListCache.class);
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final long BACKOFF_NANOS = Duration.ofSeconds(1).toNanos();

    private final RedisClient client;
    private final JsonMapper json;
    private final String prefix;
    private final MeterRegistry meters;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long unavailableUntil;

    ListCache(
            @Value("${taskmesh.cache.redis-url:${spring.data.redis.url:redis://127.0.0.1:6379}}") String redisUrl,
            JsonMapper json,
            JdbcClient jdbc,
            MeterRegistry meters) {
        this.client = RedisClient.create(RedisURI.create(redisUrl));
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.json = json;
        this.meters = meters;
        // per database, as the realtime channels: deployments sharing a Redis never read each other's pages
        this.prefix = "taskmesh:"
                + jdbc.sql("SELECT current_database()").query(String.class).single() + ":cache:";
    }

    /** The page from the cache, or from {@code load} (then stored) when it is not there or Redis is away. */
    public <T> Page<T> page(
            String list, WorkspaceId workspaceId, PageRequest request, Class<T> itemType, Supplier<Page<T>> load) {
        RedisCommands<String, String> redis = redis();
        if (redis == null) {
            count(list, "unavailable");
            return load.get();
        }
        try {
            String version = redis.get(versionKey(list, workspaceId));
            String key = prefix + list + ":" + workspaceId + ":" + (version == null ? "0" : version) + ":"
                    + request.after() + ":" + request.limit();
            JavaType type = json.getTypeFactory().constructParametricType(Page.class, itemType);
            String cached = redis.get(key);
            if (cached != null) {
                count(list, "hit");
                return json.readValue(cached, type);
            }
            count(list, "miss");
            Page<T> page = load.get();
            redis.set(key, json.writerFor(type).writeValueAsString(page), SetArgs.Builder.ex(TTL));
            return page;
        } catch (RuntimeException e) {
            unavailable(e);
            count(list, "unavailable");
            return load.get();
        }
    }

    /** Hit ratio = hit / (hit + miss + unavailable): a read that found Redis away was served uncached too. */
    private void count(String list, String result) {
        meters.counter("taskmesh.cache.requests", "list", list, "result", result)
                .increment();
    }

    @Override
    public void changed(String list, WorkspaceId workspaceId) {
        RedisCommands<String, String> redis = redis();
        if (redis == null) {
            // missed while Redis is away: its pages expire within the TTL; a Redis restart has lost them anyway
            return;
        }
        try {
            redis.incr(versionKey(list, workspaceId));
        } catch (RuntimeException e) {
            unavailable(e);
        }
    }

    private String versionKey(String list, WorkspaceId workspaceId) {
        return prefix + "version:" + list + ":" + workspaceId;
    }

    private RedisCommands<String, String> redis() {
        if (System.nanoTime() < unavailableUntil) {
            return null;
        }
        try {
            StatefulRedisConnection<String, String> current = connection;
            if (current == null) {
                current = client.connect();
                current.setTimeout(Duration.ofMillis(200));
                connection = current;
            }
            return current.sync();
        } catch (RuntimeException e) {
            unavailable(e);
            return null;
        }
    }

    private void unavailable(RuntimeException e) {
        unavailableUntil = System.nanoTime() + BACKOFF_NANOS;
        log.debug("List cache unavailable, reading the database: {}", e.toString());
    }

    @Override
    public void destroy() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
}
