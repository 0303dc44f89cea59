package dev.taskmesh.server.notification.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code taskmesh.notifications.*}: the external channels (docs/operations.md). Email is off until an SMTP server is
 * configured; a failed delivery is retried {@code maxAttempts - 1} times, the n-th retry after a random delay between
 * half and all of {@code firstRetry × 2^(n-1)}, capped at {@code maxRetryDelay}, then dead-lettered. Each node
 * sends on {@code deliveryThreads} threads and looks for due deliveries every {@code deliveryPollInterval}.
 */
@ConfigurationProperties("taskmesh.notifications")
public record DeliveryProperties(
        @DefaultValue("false") boolean emailEnabled,
        @DefaultValue("TaskMesh <notifications@localhost>") String emailFrom,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("2s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetryDelay,
        @DefaultValue("10s") Duration webhookTimeout,
        @DefaultValue("false") boolean webhookAllowPrivateTargets,
        @DefaultValue("2") int deliveryThreads,
        @DefaultValue("200ms") Duration deliveryPollInterval) {

    public DeliveryProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "taskmesh.notifications.max-attempts must be at least 1, was " + maxAttempts);
        }
        if (deliveryThreads < 1) {
            throw new IllegalArgumentException(
                    "taskmesh.notifications.delivery-threads must be at least 1, was " + deliveryThreads);
        }
        if (!deliveryPollInterval.isPositive()) {
            throw new IllegalArgumentException("taskmesh.notifications.delivery-poll-interval must be positive");
        }
        if (firstRetry.isNegative() || maxRetryDelay.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException(
                    "taskmesh.notifications: first-retry must be positive and at most max-retry-delay");
        }
    }
}
