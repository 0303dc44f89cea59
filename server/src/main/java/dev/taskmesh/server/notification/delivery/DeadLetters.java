package dev.taskmesh.server.notification.delivery;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.taskmesh.api.account.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Deliveries that failed every attempt: kept until an operator lists and retries them (docs/operations.md). */
public class DeadLetters {

    /** One dead letter as an operator sees it. */
    public record DeadLetter(
            UUID deliveryId,
            String channel,
            UUID notificationId,
            UUID userId,
            int attempts,
            String lastError,
            Instant failedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private SchedulerClient queue;
    private OneTimeTask<Void> task;

    DeadLetters(JdbcClient jdbc, Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Set once the queue exists: the queue's failure handler needs this object first. */
    void queue(SchedulerClient queue, OneTimeTask<Void> task) {
        this.queue = queue;
        this.task = task;
    }

    void add(Delivery delivery, int attempts, String error) {
        jdbc.sql("""
                        INSERT INTO delivery_dead_letter (delivery_id, channel, notification_id, user_id, attempts,
                                                          last_error, failed_at)
                        VALUES (:id, :channel, :notificationId, :userId, :attempts, :error, :failedAt)
                        ON CONFLICT (delivery_id) DO UPDATE SET attempts = EXCLUDED.attempts,
                            last_error = EXCLUDED.last_error, failed_at = EXCLUDED.failed_at
                        """)
                .param("id", delivery.id())
                .param("channel", delivery.channel().wireName())
                .param("notificationId", delivery.notificationId())
                .param("userId", delivery.owner().value())
                .param("attempts", attempts)
                .param("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                .param("failedAt", Timestamp.from(clock.instant()))
                .update();
    }

    public List<DeadLetter> list(int limit) {
        return jdbc.sql("SELECT * FROM delivery_dead_letter ORDER BY failed_at, delivery_id LIMIT :limit")
                .param("limit", limit)
                .query((rs, row) -> new DeadLetter(
                        rs.getObject("delivery_id", UUID.class),
                        rs.getString("channel"),
                        rs.getObject("notification_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        rs.getTimestamp("failed_at").toInstant()))
                .list();
    }

    /** Queues the dead letter again, with a fresh set of attempts; false when there is no such dead letter. */
    public boolean retry(UUID deliveryId) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            List<Delivery> taken = jdbc.sql("""
                            DELETE FROM delivery_dead_letter WHERE delivery_id = :id
                            RETURNING channel, notification_id, user_id
                            """)
                    .param("id", deliveryId)
                    .query((rs, row) -> new Delivery(
                            Channel.fromWireName(rs.getString(1)),
                            rs.getObject(2, UUID.class),
                            new UserId(rs.getObject(3, UUID.class))))
                    .list();
            taken.forEach(delivery -> queue.scheduleIfNotExists(task.instance(delivery.instanceId()), clock.instant()));
            return !taken.isEmpty();
        }));
    }
}
