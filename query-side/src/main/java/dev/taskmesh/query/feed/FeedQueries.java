package dev.taskmesh.query.feed;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.feed.FeedItem;
import dev.taskmesh.api.feed.FeedPage;
import dev.taskmesh.api.feed.FindFeedQuery;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.query.config.Keyset;
import java.util.List;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads a feed, newest first. Only the workspaces the reader is a member of now are served, whatever rows remain
 * from before: a former member sees nothing of a workspace they left. Above the retention horizon a feed is the
 * reader's own entries; below it (FeedRetention) it continues from the events of the reader's workspaces since they
 * joined, newest first per workspace, merged.
 */
@Component
class FeedQueries {

    private final JdbcClient jdbc;

    FeedQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    FeedPage handle(FindFeedQuery query) {
        if (query.workspaces().isEmpty()) {
            return new FeedPage(List.of(), null);
        }
        List<Keyset.Row<FeedItem>> rows = jdbc.sql("""
                        WITH horizon AS (SELECT event_seq AS seq FROM feed_horizon),
                        page AS (
                            (SELECT e.event_seq FROM feed_entry e
                             WHERE e.user_id = :userId AND e.workspace_id = ANY(CAST(:workspaces AS uuid[]))
                               AND e.event_seq < :before AND e.event_seq >= (SELECT seq FROM horizon)
                             ORDER BY e.event_seq DESC LIMIT :limit)
                            UNION ALL
                            (SELECT older.event_seq
                             FROM unnest(CAST(:workspaces AS uuid[])) AS w(id)
                             JOIN feed_member m ON m.workspace_id = w.id AND m.user_id = :userId
                             CROSS JOIN LATERAL (
                                 SELECT f.event_seq FROM feed_event f
                                 WHERE f.workspace_id = w.id AND f.event_seq >= m.joined_seq
                                   AND f.event_seq < LEAST(:before, (SELECT seq FROM horizon))
                                 ORDER BY f.event_seq DESC LIMIT :limit) older)
                        )
                        SELECT f.event_seq, f.workspace_id, f.event_id, f.event_type, f.aggregate_id, f.actor, f.at,
                               f.data
                        FROM page JOIN feed_event f ON f.event_seq = page.event_seq
                        ORDER BY f.event_seq DESC LIMIT :limit
                        """)
                .param("userId", query.userId().value())
                .param(
                        "workspaces",
                        query.workspaces().stream()
                                .map(workspace -> workspace.value().toString())
                                .toArray(String[]::new))
                .param("before", query.before() == 0 ? Long.MAX_VALUE : query.before())
                .param("limit", query.limit() + 1)
                .query((rs, row) -> {
                    UUID actor = rs.getObject("actor", UUID.class);
                    return new Keyset.Row<>(
                            rs.getLong("event_seq"),
                            new FeedItem(
                                    rs.getString("event_id"),
                                    rs.getString("event_type"),
                                    new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                                    rs.getString("aggregate_id"),
                                    actor == null ? null : new UserId(actor),
                                    rs.getTimestamp("at").toInstant(),
                                    rs.getString("data")));
                })
                .list();
        Keyset.Slice<FeedItem> slice = Keyset.slice(rows, query.limit());
        return new FeedPage(slice.items(), slice.nextAfter());
    }
}
