package dev.taskmesh.server.poison;

import java.sql.Connection;
import java.sql.Savepoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * One streaming processor's poison-event policy. A failing handler fails its batch, which rolls back and is retried
 * by the processor with a doubling pause (Axon's: 1 s, 2 s, 4 s … up to a minute), so a passing cause (a restarting
 * database, a deadlock) costs a delay and nothing else. On the event's last attempt ({@code attempts}), its handlers
 * run inside a savepoint; if they fail again the savepoint is rolled back (PostgreSQL refuses every statement of a
 * transaction after a failed one) and the event is parked as a dead letter in the same transaction, so the batch
 * commits and the processor moves on. Every later event of its sequence (the aggregate) is parked behind it, so no
 * read-model row sees its events out of order; other aggregates are not held up.
 *
 * <p>Axon's own dead-letter queue enqueues inside the batch's transaction after the failure, which PostgreSQL has
 * already aborted; hence this policy. Subscribing processors (the command side's lookup tables) are left alone:
 * their failure must fail the command. {@code attempts} of 0 retries for ever (attachment scanning waits for clamd).
 */
final class PoisonEventPolicy implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(PoisonEventPolicy.class);
    private static final int REMEMBERED_FAILURES = 10_000;

    private final String processor;
    private final int attempts;
    private final ProcessorDeadLetters deadLetters;
    private final DataSource dataSource;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    PoisonEventPolicy(String processor, int attempts, ProcessorDeadLetters deadLetters, DataSource dataSource) {
        this.processor = processor;
        this.attempts = attempts;
        this.deadLetters = deadLetters;
        this.dataSource = dataSource;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (attempts == 0 || unitOfWork.parent().isPresent()) {
            return chain.proceed(); // retried for ever, or a subscribing processor inside a command
        }
        EventMessage<?> event = unitOfWork.getMessage();
        String sequence = sequenceOf(event);
        if (deadLetters.isParked(processor, sequence)) {
            park(event, sequence, "waits behind an earlier dead letter of its sequence", 0);
            return null;
        }
        int failed = failures.getOrDefault(event.getIdentifier(), 0);
        if (failed + 1 < attempts) {
            try {
                Object result = chain.proceed();
                failures.remove(event.getIdentifier());
                return result;
            } catch (Exception e) {
                remember(event, failed + 1);
                throw e; // the batch rolls back and is retried after the processor's pause
            }
        }
        return lastAttempt(event, sequence, chain);
    }

    private Object lastAttempt(EventMessage<?> event, String sequence, InterceptorChain chain) throws Exception {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint = connection.setSavepoint();
        try {
            Object result = chain.proceed();
            connection.releaseSavepoint(savepoint);
            failures.remove(event.getIdentifier());
            return result;
        } catch (Exception e) {
            connection.rollback(savepoint);
            failures.remove(event.getIdentifier());
            log.warn(
                    "{} failed {} times on {} {} (sequence {}): dead-lettered, with the rest of its sequence",
                    processor,
                    attempts,
                    event.getPayloadType().getSimpleName(),
                    event.getIdentifier(),
                    sequence,
                    e);
            park(event, sequence, e.toString(), attempts);
            return null;
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void remember(EventMessage<?> event, int failed) {
        if (failures.size() > REMEMBERED_FAILURES) {
            failures.clear(); // a bound, never reached by one poison event retried: it keeps only a few ids
        }
        failures.put(event.getIdentifier(), failed);
        log.warn(
                "{} failed on {} {} (attempt {} of {}); retrying",
                processor,
                event.getPayloadType().getSimpleName(),
                event.getIdentifier(),
                failed,
                attempts);
    }

    private void park(EventMessage<?> event, String sequence, String cause, int tried) {
        deadLetters.add(
                processor,
                sequence,
                globalIndexOf(event),
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                cause,
                tried);
    }

    /** The events whose order matters together: an aggregate's; an event of none is its own sequence. */
    static String sequenceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    private static long globalIndexOf(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked) {
            TrackingToken token = tracked.trackingToken();
            if (token != null && token.position().isPresent()) {
                return token.position().getAsLong();
            }
        }
        return -1;
    }
}
