package dev.taskmesh.server.notification.delivery;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.taskmesh.api.notification.LoadNotificationQuery;
import dev.taskmesh.api.notification.NotificationView;
import dev.taskmesh.api.wire.MessageOrigin;
import dev.taskmesh.server.operations.LogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs queued deliveries (the db-scheduler task {@value #TASK}) and decides what a failure means: another attempt
 * after an exponential, jittered delay, or, after the last attempt, the dead-letter store. An exception thrown while
 * sending is a failure; a notification or webhook that no longer exists is nothing left to deliver.
 */
class DeliveryWorker implements FailureHandler<Void> {

    static final String TASK = "notification-delivery";

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final QueryGateway queries;
    private final EmailChannel email;
    private final WebhookChannel webhook;
    private final DeadLetters deadLetters;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final OneTimeTask<Void> task;

    DeliveryWorker(
            QueryGateway queries,
            EmailChannel email,
            WebhookChannel webhook,
            DeadLetters deadLetters,
            DeliveryProperties properties,
            JdbcClient jdbc,
            Clock clock,
            MeterRegistry meters) {
        this.queries = queries;
        this.jdbc = jdbc;
        this.email = email;
        this.webhook = webhook;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.task = Tasks.oneTime(TASK)
                .onFailure(this)
                .execute((instance, context) -> deliver(Delivery.parse(instance.getId())));
        // registered at start, so an alert on their increase sees the first dead letter of a node's life
        for (Channel channel : Channel.values()) {
            counter("taskmesh.notifications.dead-lettered", channel, "Deliveries given up and dead-lettered");
        }
    }

    OneTimeTask<Void> task() {
        return task;
    }

    private void deliver(Delivery delivery) {
        Optional<NotificationView> notification = queries.query(
                        new LoadNotificationQuery(delivery.notificationId()),
                        ResponseTypes.optionalInstanceOf(NotificationView.class))
                .join();
        if (notification.isEmpty()) {
            return; // gone with a rebuild that no longer produces it: nothing to deliver
        }
        String requestId = requestIdOf(delivery);
        LogContext.put(LogContext.REQUEST_ID, requestId);
        LogContext.put(LogContext.USER_ID, delivery.owner());
        LogContext.put(LogContext.WORKSPACE_ID, notification.get().workspaceId());
        try {
            send(delivery, notification.get(), requestId);
        } finally {
            LogContext.clear();
        }
    }

    /** The request that caused the notification's event, from the event's metadata; null for a reminder. */
    private String requestIdOf(Delivery delivery) {
        return jdbc.sql("SELECT convert_from(e.meta_data, 'UTF8')::jsonb ->> :key FROM notification n"
                        + " JOIN domain_event_entry e ON e.event_identifier = n.event_id WHERE n.id = :id")
                .param("key", MessageOrigin.REQUEST_ID)
                .param("id", delivery.notificationId())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private void send(Delivery delivery, NotificationView notification, String requestId) {
        boolean sent;
        try {
            sent = switch (delivery.channel()) {
                case EMAIL -> {
                    email.send(delivery, notification);
                    yield true;
                }
                case WEBHOOK -> webhook.send(delivery, notification, requestId);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering", e);
        } catch (Exception e) {
            throw new DeliveryFailedException(e);
        }
        if (sent) {
            counter(
                            "taskmesh.notifications.delivered",
                            delivery.channel(),
                            "Notifications delivered by an external channel")
                    .increment();
            Timer.builder("taskmesh.notifications.delivery")
                    .description("From an event until its notifications are in the inbox or delivered by a channel")
                    .tag("channel", delivery.channel().wireName())
                    .publishPercentiles(0.5, 0.99)
                    .register(meters)
                    .record(Duration.between(notification.createdAt(), clock.instant()));
        }
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<Void> operations) {
        Delivery delivery = Delivery.parse(complete.getExecution().taskInstance.getId());
        int attempts = complete.getExecution().consecutiveFailures + 1;
        String error = complete.getCause()
                .map(cause -> cause instanceof DeliveryFailedException failed ? failed.getCause() : cause)
                .map(Throwable::toString)
                .orElse("failed");
        if (attempts >= properties.maxAttempts()) {
            log.warn(
                    "Delivery {} ({}) failed {} times, dead-lettered: {}",
                    delivery.id(),
                    delivery.channel().wireName(),
                    attempts,
                    error);
            deadLetters.add(delivery, attempts, error);
            operations.remove();
            counter("taskmesh.notifications.dead-lettered", delivery.channel(), "Deliveries given up and dead-lettered")
                    .increment();
        } else {
            operations.reschedule(
                    complete,
                    clock.instant().plus(retryDelay(attempts, properties.firstRetry(), properties.maxRetryDelay())));
            counter(
                            "taskmesh.notifications.retried",
                            delivery.channel(),
                            "Delivery attempts that failed and will be retried")
                    .increment();
        }
    }

    /**
     * "Equal jitter": the n-th retry waits half of {@code first × 2^(n-1)} (capped at {@code max}) plus a random part
     * of the other half, so the retries of one outage spread out instead of arriving together.
     */
    static Duration retryDelay(int failures, Duration first, Duration max) {
        long exponential = first.toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(exponential, max.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private Counter counter(String name, Channel channel, String description) {
        return Counter.builder(name)
                .description(description)
                .tag("channel", channel.wireName())
                .register(meters);
    }

    /** Wraps what a channel threw, so the queue records it as this delivery's failure. */
    static final class DeliveryFailedException extends RuntimeException {

        DeliveryFailedException(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}
