package dev.taskmesh.query.feed;

import dev.taskmesh.api.comment.CommentEvent;
import dev.taskmesh.api.project.ProjectEvent;
import dev.taskmesh.api.task.TaskEvent;
import dev.taskmesh.api.wire.EventType;
import dev.taskmesh.api.wire.MessageOrigin;
import dev.taskmesh.api.workspace.InvitationAcceptedEvent;
import dev.taskmesh.api.workspace.InvitationDeclinedEvent;
import dev.taskmesh.api.workspace.InvitationRevokedEvent;
import dev.taskmesh.api.workspace.MemberAddedEvent;
import dev.taskmesh.api.workspace.MemberInvitedEvent;
import dev.taskmesh.api.workspace.MemberRemovedEvent;
import dev.taskmesh.api.workspace.MemberRoleChangedEvent;
import dev.taskmesh.api.workspace.WorkspaceArchivedEvent;
import dev.taskmesh.api.workspace.WorkspaceCreatedEvent;
import dev.taskmesh.api.workspace.WorkspaceDeletedEvent;
import dev.taskmesh.api.workspace.WorkspaceEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.api.workspace.WorkspaceUnarchivedEvent;
import dev.taskmesh.query.config.WorkspaceRows;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Materialises every member's feed: fan-out on write. A batch of events is written with one statement, the events
 * once and one reference row per member (joined to the members), in the transaction that stores the processor's
 * token, so a burst costs one statement per batch rather than a row at a time. A membership change
 * inside a batch first flushes the entries before it, so each event reaches exactly the members it had. An event's
 * seq is its position in the event store, looked up by its id (a tracking token's position is not the event's own
 * when the event filled a gap), so a rebuilt feed numbers everything as the live one did and the cursors clients
 * hold stay valid. Events are unique by position and references per (user, event): replays and retries add
 * nothing.
 */
@Component
@ProcessingGroup(FeedProjection.PROCESSING_GROUP)
class FeedProjection {

    static final String PROCESSING_GROUP = "activity-feed";

    private static final String PENDING = FeedProjection.class.getName() + ".pending";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Timer lag;
    private final long fanOutFrom;

    @Autowired
    FeedProjection(JdbcClient jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
        this(jdbc, json, clock, meters, 0);
    }

    /**
     * Writes references only for events from position {@code fanOutFrom} on: a rebuild leaves out those below the
     * retention horizon, which are read from the events themselves (FeedRetention).
     */
    FeedProjection(JdbcClient jdbc, JsonMapper json, Clock clock, MeterRegistry meters, long fanOutFrom) {
        this.fanOutFrom = fanOutFrom;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.lag = Timer.builder("taskmesh.feed.lag")
                .description("From an event's timestamp until its feed entries are written")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @EventHandler
    void on(WorkspaceEvent event, EventMessage<?> message) {
        switch (event) {
            case WorkspaceCreatedEvent created -> {
                flush();
                join(created.workspaceId(), created.ownerId().value(), message);
                pending().add(entry(created.workspaceId(), message));
            }
            case MemberAddedEvent added -> {
                flush();
                join(added.workspaceId(), added.userId().value(), message);
                pending().add(entry(added.workspaceId(), message));
            }
            // who reads the workspace's feed stays the same
            case MemberRoleChangedEvent changed -> pending().add(entry(changed.workspaceId(), message));
            // who was invited stays in the invitation table; the feed shows that someone was, and the answer
            case MemberInvitedEvent invited -> pending().add(entry(invited.workspaceId(), message));
            case InvitationAcceptedEvent accepted -> pending().add(entry(accepted.workspaceId(), message));
            case InvitationDeclinedEvent declined -> pending().add(entry(declined.workspaceId(), message));
            case InvitationRevokedEvent revoked -> pending().add(entry(revoked.workspaceId(), message));
            case WorkspaceArchivedEvent archived -> pending().add(entry(archived.workspaceId(), message));
            case WorkspaceUnarchivedEvent unarchived -> pending().add(entry(unarchived.workspaceId(), message));
            // nobody reads the workspace's feed any more; its rows stay until the purge
            case WorkspaceDeletedEvent deleted -> {
                flush();
                jdbc.sql("DELETE FROM feed_member WHERE workspace_id = :workspaceId")
                        .param("workspaceId", deleted.workspaceId().value())
                        .update();
            }
            case WorkspacePurgedEvent purged -> {
                flush();
                WorkspaceRows.delete(jdbc, purged.workspaceId(), "feed_entry", "feed_event", "feed_member");
            }
            case MemberRemovedEvent removed -> {
                flush();
                jdbc.sql("DELETE FROM feed_member WHERE workspace_id = :workspaceId AND user_id = :userId")
                        .param("workspaceId", removed.workspaceId().value())
                        .param("userId", removed.userId().value())
                        .update();
                pending().add(entry(removed.workspaceId(), message));
            }
        }
    }

    @EventHandler
    void on(ProjectEvent event, EventMessage<?> message) {
        pending().add(entry(event.workspaceId(), message));
    }

    @EventHandler
    void on(TaskEvent event, EventMessage<?> message) {
        pending().add(entry(event.workspaceId(), message));
    }

    @EventHandler
    void on(CommentEvent event, EventMessage<?> message) {
        pending().add(entry(event.workspaceId(), message));
    }

    /**
     * Called with every earlier entry flushed, so they reach the members without the newcomer. The member's history,
     * served from the events below the retention horizon, starts at the event that made them one.
     */
    private void join(WorkspaceId workspaceId, UUID userId, EventMessage<?> joinedBy) {
        jdbc.sql("""
                        INSERT INTO feed_member (workspace_id, user_id, joined_seq)
                        SELECT :workspaceId, :userId, global_index FROM domain_event_entry
                        WHERE event_identifier = :eventId
                        ON CONFLICT DO NOTHING
                        """)
                .param("workspaceId", workspaceId.value())
                .param("userId", userId)
                .param("eventId", joinedBy.getIdentifier())
                .update();
    }

    private Entry entry(WorkspaceId workspaceId, EventMessage<?> message) {
        Object actor = message.getMetaData().get(MessageOrigin.ACTOR);
        return new Entry(
                workspaceId.value().toString(),
                message.getIdentifier(),
                EventType.of(message.getPayloadType()),
                message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : "",
                actor == null ? null : actor.toString(),
                message.getTimestamp(),
                json.writeValueAsString(message.getPayload()));
    }

    /** The entries of this unit of work not yet written; written at the latest when it prepares to commit. */
    private List<Entry> pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            unitOfWork.onPrepareCommit(u -> flush());
            return new ArrayList<Entry>();
        });
    }

    private void flush() {
        List<Entry> entries = pending();
        if (entries.isEmpty()) {
            return;
        }
        // one statement: the events stored, then their references written from what the insert returned, so the
        // fan-out never searches the events table (an event already stored, by a replay, is skipped with its entries)
        jdbc.sql("""
                        WITH stored AS (
                            INSERT INTO feed_event (event_seq, event_id, workspace_id, event_type, aggregate_id, actor,
                                                    at, data)
                            SELECT d.global_index, e.*
                            FROM unnest(CAST(:eventIds AS text[]), CAST(:workspaces AS uuid[]),
                                        CAST(:types AS text[]), CAST(:aggregates AS text[]), CAST(:actors AS uuid[]),
                                        CAST(:ats AS timestamptz[]), CAST(:data AS text[]))
                                 AS e(event_id, workspace_id, event_type, aggregate_id, actor, at, data)
                            JOIN domain_event_entry d ON d.event_identifier = e.event_id
                            ON CONFLICT DO NOTHING
                            RETURNING event_seq, workspace_id)
                        INSERT INTO feed_entry (user_id, event_seq, workspace_id)
                        SELECT m.user_id, stored.event_seq, stored.workspace_id
                        FROM stored JOIN feed_member m ON m.workspace_id = stored.workspace_id
                        WHERE stored.event_seq >= :fanOutFrom
                        ON CONFLICT DO NOTHING
                        """)
                .param("eventIds", column(entries, Entry::eventId))
                .param("workspaces", column(entries, Entry::workspaceId))
                .param("types", column(entries, Entry::eventType))
                .param("aggregates", column(entries, Entry::aggregateId))
                .param("actors", column(entries, Entry::actor))
                .param("ats", column(entries, entry -> entry.at().toString()))
                .param("data", column(entries, Entry::data))
                .param("fanOutFrom", fanOutFrom)
                .update();
        Instant now = clock.instant();
        entries.forEach(entry -> lag.record(Duration.between(entry.at(), now)));
        entries.clear();
    }

    private static String[] column(List<Entry> entries, java.util.function.Function<Entry, String> field) {
        return entries.stream().map(field).toArray(String[]::new);
    }

    private record Entry(
            String workspaceId,
            String eventId,
            String eventType,
            String aggregateId,
            String actor,
            Instant at,
            String data) {}
}
