package dev.taskmesh.query.feed;

import dev.taskmesh.api.comment.CommentEvent;
import dev.taskmesh.api.project.ProjectEvent;
import dev.taskmesh.api.task.TaskEvent;
import dev.taskmesh.api.workspace.WorkspaceEvent;
import dev.taskmesh.query.config.Rebuildable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feed rebuilt within its retention. Every event is stored again (one row each: below the horizon feeds are read
 * from them), but members' references are written only from the horizon on, which is the live feed's horizon or the
 * first event inside the retention, whichever is later. So the rebuild writes what the live feed holds once pruned,
 * not years of references that pruning would delete again.
 */
@Component
class FeedRebuild implements Rebuildable {

    private final JsonMapper json;
    private final Clock clock;
    private final Duration retention;

    FeedRebuild(JsonMapper json, Clock clock, @Value("${taskmesh.feed.retention:90d}") Duration retention) {
        this.json = json;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public String processingGroup() {
        return FeedProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("feed_member", "feed_event", "feed_entry", "feed_horizon");
    }

    /**
     * The horizon, fixed for the whole rebuild. The store keeps timestamps as ISO-8601 text in one format, so they
     * compare as text; one scan of the store, once.
     */
    @Override
    public void prepare(JdbcClient shadow) {
        shadow.sql("""
                        INSERT INTO feed_horizon (event_seq) SELECT GREATEST(
                            (SELECT event_seq FROM public.feed_horizon),
                            coalesce(
                                (SELECT min(global_index) FROM domain_event_entry WHERE time_stamp >= :cutoff),
                                (SELECT coalesce(max(global_index), 0) + 1 FROM domain_event_entry)))
                        """)
                .param("cutoff", DateTimeUtils.formatInstant(clock.instant().minus(retention)))
                .update();
    }

    @Override
    public Object handlers(JdbcClient shadow) {
        long horizon = shadow.sql("SELECT event_seq FROM feed_horizon")
                .query(Long.class)
                .single();
        return new FeedProjection(shadow, json, clock, new SimpleMeterRegistry(), horizon);
    }

    /** Members and their references follow a workspace's events in order; workspaces are independent. */
    @Override
    public SequencingPolicy<? super EventMessage<?>> sequencing() {
        return message -> switch (message.getPayload()) {
            case WorkspaceEvent event -> event.workspaceId();
            case ProjectEvent event -> event.workspaceId();
            case TaskEvent event -> event.workspaceId();
            case CommentEvent event -> event.workspaceId();
            default -> message.getIdentifier();
        };
    }
}
