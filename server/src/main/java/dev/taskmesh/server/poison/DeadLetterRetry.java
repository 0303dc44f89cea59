package dev.taskmesh.server.poison;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operator's retry: each parked sequence of a processor, in event order, through the processor's own handlers,
 * each event in a transaction of its own that also removes its letter. A sequence stops at the first event that
 * fails again (its letter counts the attempt and keeps the new cause), so its later events stay parked behind it.
 * Runs on the node that asks, which must run the processor (a query node for the read models).
 */
public class DeadLetterRetry {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetry.class);

    private final ProcessorDeadLetters deadLetters;
    private final EventProcessingConfiguration processing;
    private final EventStorageEngine events;
    private final TransactionTemplate transactions;

    public DeadLetterRetry(
            ProcessorDeadLetters deadLetters,
            EventProcessingConfiguration processing,
            EventStorageEngine events,
            TransactionTemplate transactions) {
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.events = events;
        this.transactions = transactions;
    }

    /** What a retry did: letters handled and removed, and letters still parked. */
    public record Outcome(String processor, int handled, int stillParked) {}

    /** Empty when this node does not run {@code processor}. */
    public Optional<Outcome> retry(String processor) {
        Optional<EventHandlerInvoker> invoker = processing
                .eventProcessor(processor)
                .filter(AbstractEventProcessor.class::isInstance)
                .map(found -> ((AbstractEventProcessor) found).eventHandlerInvoker());
        if (invoker.isEmpty()) {
            return Optional.empty();
        }
        int handled = 0;
        int stillParked = 0;
        for (List<DeadLetter> sequence : deadLetters.sequences(processor)) {
            int done = retrySequence(invoker.get(), sequence);
            handled += done;
            stillParked += sequence.size() - done;
        }
        deadLetters.refreshCounts();
        log.info("Retried {}'s dead letters: {} handled, {} still parked", processor, handled, stillParked);
        return Optional.of(new Outcome(processor, handled, stillParked));
    }

    private int retrySequence(EventHandlerInvoker invoker, List<DeadLetter> sequence) {
        int done = 0;
        for (DeadLetter letter : sequence) {
            try {
                transactions.executeWithoutResult(status -> {
                    TrackedEventMessage<?> event = read(letter);
                    ResultMessage<?> result = DefaultUnitOfWork.startAndGet(event)
                            .executeWithResult(() -> {
                                invoker.handle(event, Segment.ROOT_SEGMENT);
                                return null;
                            });
                    if (result.isExceptional()) {
                        throw new IllegalStateException(result.exceptionResult());
                    }
                    deadLetters.remove(letter.id());
                });
                done++;
            } catch (RuntimeException e) {
                transactions.executeWithoutResult(status -> deadLetters.failedAgain(letter.id(), causeOf(e)));
                log.warn(
                        "Dead letter {} of {} failed again; its sequence stays parked",
                        letter.id(),
                        letter.processor(),
                        e);
                return done;
            }
        }
        return done;
    }

    private TrackedEventMessage<?> read(DeadLetter letter) {
        GapAwareTrackingToken before =
                GapAwareTrackingToken.newInstance(letter.globalIndex() - 1, Collections.emptySortedSet());
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(before, false)) {
            return stream.findFirst()
                    .filter(event -> letter.eventId().equals(event.getIdentifier()))
                    .orElseThrow(() -> new IllegalStateException(
                            "Event " + letter.eventId() + " is not at position " + letter.globalIndex()));
        }
    }

    /** The handler's own exception, not the unit of work's wrapper around it. */
    private static String causeOf(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
