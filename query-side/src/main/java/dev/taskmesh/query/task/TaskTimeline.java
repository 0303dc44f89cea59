package dev.taskmesh.query.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.task.FindTaskAsOfQuery;
import dev.taskmesh.api.task.FindTaskHistoryQuery;
import dev.taskmesh.api.task.TaskChange;
import dev.taskmesh.api.task.TaskEvent;
import dev.taskmesh.api.task.TaskHistory;
import dev.taskmesh.api.task.TaskView;
import dev.taskmesh.api.wire.EventType;
import dev.taskmesh.api.wire.MessageOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * A task's past, read straight from the event store rather than from a read model: its history of changes, and the
 * task as it was at any instant. Events are read from a sequence number, never from a snapshot, so every change is
 * there. Each task event names its workspace, so a task of another workspace is simply not found.
 */
@Component
class TaskTimeline {

    private final EventStore events;

    TaskTimeline(EventStore events) {
        this.events = events;
    }

    @QueryHandler
    Optional<TaskView> handle(FindTaskAsOfQuery query) {
        TaskState state = new TaskState();
        DomainEventStream stream = events.readEvents(query.taskId().toString(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getTimestamp().isAfter(query.asOf())) {
                break;
            }
            if (!(message.getPayload() instanceof TaskEvent event)
                    || !event.workspaceId().equals(query.workspaceId())) {
                return Optional.empty();
            }
            state.apply(event, message.getSequenceNumber(), message.getTimestamp());
        }
        return state.exists() ? Optional.of(state.view()) : Optional.empty();
    }

    /** Empty when there is no such task in the workspace; a deleted task keeps its history, deletion included. */
    @QueryHandler
    Optional<TaskHistory> handle(FindTaskHistoryQuery query) {
        DomainEventStream stream = events.readEvents(query.taskId().toString(), query.from());
        List<TaskChange> changes = new ArrayList<>();
        Long nextFrom = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (!(message.getPayload() instanceof TaskEvent event)
                    || !event.workspaceId().equals(query.workspaceId())) {
                return Optional.empty();
            }
            if (changes.size() == query.limit()) {
                nextFrom = message.getSequenceNumber();
                break;
            }
            changes.add(new TaskChange(
                    message.getSequenceNumber(),
                    EventType.of(event.getClass()),
                    actor(message),
                    message.getTimestamp(),
                    event));
        }
        if (changes.isEmpty() && query.from() == 0) {
            return Optional.empty();
        }
        return Optional.of(new TaskHistory(changes, nextFrom));
    }

    private static UserId actor(DomainEventMessage<?> message) {
        Object actor = message.getMetaData().get(MessageOrigin.ACTOR);
        return actor == null ? null : UserId.parse(actor.toString());
    }
}
