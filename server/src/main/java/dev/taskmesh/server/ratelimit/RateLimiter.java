package dev.taskmesh.server.ratelimit;

import dev.taskmesh.server.web.RateLimitedException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Token buckets (Bucket4j), one per limit and subject. Sign-ins and sign-ups count in Redis, shared by every node:
 * behind a load balancer a per-node limit would be as many times looser as there are nodes, and guessing passwords
 * is what these limits are for. A bucket's key names the database, as the realtime channels do, so deployments
 * sharing a Redis never count each other's requests, and expires once the bucket would be full again. Commands, on
 * every write's path, count in the node's memory instead ({@link LocalBuckets}).
 *
 * <p>Limits protect; they must not take the API down with them. When Redis does not answer within 200 ms the
 * request is let through, counted ({@code taskmesh.ratelimit.unavailable}) and logged at most once a minute; the
 * other defences (BCrypt's cost, the request body limits) stay.
 */
public class RateLimiter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(200);
    private static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    /** What is limited; each has its own buckets, shared by the cluster in Redis or, for commands, the node's. */
    public enum Kind {
        LOGIN_PER_ADDRESS("login-address", true),
        LOGIN_PER_ACCOUNT("login-account", true),
        REGISTRATION_PER_ADDRESS("registration-address", true),
        ACCOUNT_EMAIL_PER_ADDRESS("account-email-address", true),
        ACCOUNT_EMAIL_PER_ACCOUNT("account-email-account", true),
        COMMANDS_PER_USER("commands-user", false);

        private final String tag;
        private final boolean shared;

        Kind(String tag, boolean shared) {
            this.tag = tag;
            this.shared = shared;
        }

        public String tag() {
            return tag;
        }
    }

    private static final long RECONNECT_NANOS = Duration.ofSeconds(1).toNanos();

    private final boolean enabled;
    private final RedisClient client;
    private final String prefix;
    private final Map<Kind, BucketConfiguration> configurations = new EnumMap<>(Kind.class);
    private final Map<Kind, Counter> refused = new EnumMap<>(Kind.class);
    private final Counter unavailable;
    private final LocalBuckets commands;
    private volatile long lastLoggedNanos = System.nanoTime() - LOG_INTERVAL_NANOS;
    /** null until the first connection succeeds; Lettuce reconnects an established connection by itself */
    private volatile StatefulRedisConnection<String, byte[]> connection;

    private volatile ProxyManager<String> buckets;
    private long connectNotBefore = System.nanoTime();

    public RateLimiter(RateLimitProperties properties, String redisUrl, String database, MeterRegistry meters) {
        this.enabled = properties.enabled();
        this.prefix = "taskmesh:" + database + ":rate:";
        this.client = RedisClient.create(RedisURI.create(redisUrl));
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.client.setDefaultTimeout(REDIS_TIMEOUT);
        configure(Kind.LOGIN_PER_ADDRESS, properties.loginPerAddress());
        configure(Kind.LOGIN_PER_ACCOUNT, properties.loginPerAccount());
        configure(Kind.REGISTRATION_PER_ADDRESS, properties.registrationPerAddress());
        configure(Kind.ACCOUNT_EMAIL_PER_ADDRESS, properties.accountEmailPerAddress());
        configure(Kind.ACCOUNT_EMAIL_PER_ACCOUNT, properties.accountEmailPerAccount());
        this.commands = new LocalBuckets(properties.commandsPerUser());
        Gauge.builder("taskmesh.ratelimit.local.buckets", commands, LocalBuckets::size)
                .description("Users with a command bucket in this node's memory (full ones are dropped now and then)")
                .register(meters);
        for (Kind kind : Kind.values()) {
            refused.put(
                    kind,
                    Counter.builder("taskmesh.ratelimit.refused")
                            .description("Requests refused by a rate limit (429)")
                            .tag("limit", kind.tag())
                            .register(meters));
        }
        this.unavailable = Counter.builder("taskmesh.ratelimit.unavailable")
                .description("Requests let through because the rate limits' Redis did not answer")
                .register(meters);
    }

    /**
     * Takes one request from the subject's bucket of {@code kind}.
     *
     * @return empty when the request may go on; otherwise how long until it may be tried again
     */
    public Optional<Duration> tryAcquire(Kind kind, String subject) {
        if (!enabled) {
            return Optional.empty();
        }
        if (!kind.shared) {
            return refusal(kind, commands.tryConsume(subject));
        }
        try {
            return refusal(
                    kind,
                    buckets()
                            .getProxy(key(kind, subject), () -> configurations.get(kind))
                            .tryConsumeAndReturnRemaining(1));
        } catch (RuntimeException e) {
            unavailable.increment();
            long now = System.nanoTime();
            if (now - lastLoggedNanos >= LOG_INTERVAL_NANOS) {
                lastLoggedNanos = now;
                log.warn("Rate limits are not enforced: their Redis does not answer ({})", e.toString());
            }
            return Optional.empty();
        }
    }

    /** As {@link #tryAcquire}, answering a refusal with 429 {@code rate-limited}: "{detail}; try again later." */
    public void refuseOver(Kind kind, String subject, String detail) {
        tryAcquire(kind, subject).ifPresent(wait -> {
            throw new RateLimitedException(detail + "; try again later.", wait);
        });
    }

    private Optional<Duration> refusal(Kind kind, ConsumptionProbe probe) {
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        refused.get(kind).increment();
        return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Subjects are addresses and emails: Redis sees only a digest of them. */
    private String key(Kind kind, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return prefix + kind.tag() + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void destroy() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }

    /**
     * The buckets, connecting on first use (at most once a second while Redis is away), so a node starts without
     * Redis and limits once it is back.
     */
    private ProxyManager<String> buckets() {
        ProxyManager<String> current = buckets;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (buckets == null) {
                long now = System.nanoTime();
                if (now - connectNotBefore < 0) {
                    throw new IllegalStateException("Redis was unreachable less than a second ago");
                }
                connectNotBefore = now + RECONNECT_NANOS;
                connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                buckets = Bucket4jLettuce.casBasedBuilder(connection)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                Duration.ofSeconds(10)))
                        .requestTimeout(REDIS_TIMEOUT)
                        .build();
            }
            return buckets;
        }
    }

    private void configure(Kind kind, RateLimitProperties.Limit limit) {
        configurations.put(
                kind, BucketConfiguration.builder().addLimit(limit.bandwidth()).build());
    }
}
