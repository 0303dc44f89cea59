package dev.taskmesh.query.comment;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.comment.CommentDeletedEvent;
import dev.taskmesh.api.comment.CommentEditedEvent;
import dev.taskmesh.api.comment.CommentId;
import dev.taskmesh.api.comment.CommentList;
import dev.taskmesh.api.comment.CommentPostedEvent;
import dev.taskmesh.api.comment.CommentView;
import dev.taskmesh.api.comment.FindCommentQuery;
import dev.taskmesh.api.comment.FindCommentsQuery;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.query.config.Keyset;
import dev.taskmesh.query.config.WorkspaceRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The comments of each task, oldest first. Versions guard every update, so replays change nothing. */
@Component
@ProcessingGroup(CommentProjection.PROCESSING_GROUP)
class CommentProjection {

    static final String PROCESSING_GROUP = "comment-views";

    private final JdbcClient jdbc;

    CommentProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The deleted workspace's comments go once its grace period has passed. */
    @EventHandler
    void on(WorkspacePurgedEvent event) {
        WorkspaceRows.delete(jdbc, event.workspaceId(), "comment_view");
    }

    @EventHandler
    void on(
            CommentPostedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO comment_view (comment_id, workspace_id, task_id, author_id, body, mentions,
                                                  created_at, version)
                        VALUES (:commentId, :workspaceId, :taskId, :authorId, :body, :mentions, :at, :version)
                        ON CONFLICT (comment_id) DO NOTHING
                        """)
                .param("commentId", event.commentId().value())
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value())
                .param("authorId", event.authorId().value())
                .param("body", event.body())
                .param("mentions", uuids(event.mentions()))
                .param("at", Timestamp.from(at))
                .param("version", version)
                .update();
    }

    @EventHandler
    void on(
            CommentEditedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE comment_view SET body = :body, mentions = :mentions, edited_at = :at, version = :version
                        WHERE workspace_id = :workspaceId AND comment_id = :commentId AND version < :version
                        """)
                .param("body", event.body())
                .param("mentions", uuids(event.mentions()))
                .param("at", Timestamp.from(at))
                .param("version", version)
                .param("workspaceId", event.workspaceId().value())
                .param("commentId", event.commentId().value())
                .update();
    }

    @EventHandler
    void on(CommentDeletedEvent event, @SequenceNumber long version) {
        jdbc.sql("""
                        UPDATE comment_view SET deleted = true, version = :version
                        WHERE workspace_id = :workspaceId AND comment_id = :commentId AND version < :version
                        """)
                .param("version", version)
                .param("workspaceId", event.workspaceId().value())
                .param("commentId", event.commentId().value())
                .update();
    }

    @QueryHandler
    CommentList handle(FindCommentsQuery query) {
        List<Keyset.Row<CommentView>> rows = jdbc.sql("""
                        SELECT * FROM comment_view
                        WHERE workspace_id = :workspaceId AND task_id = :taskId AND NOT deleted AND seq > :after
                        ORDER BY seq LIMIT :limit
                        """)
                .param("workspaceId", query.workspaceId().value())
                .param("taskId", query.taskId().value())
                .param("after", query.after())
                .param("limit", query.limit() + 1)
                .query(CommentProjection::row)
                .list();
        Keyset.Slice<CommentView> page = Keyset.slice(rows, query.limit());
        return new CommentList(page.items(), page.nextAfter());
    }

    @QueryHandler
    Optional<CommentView> handle(FindCommentQuery query) {
        return jdbc.sql("""
                        SELECT * FROM comment_view
                        WHERE workspace_id = :workspaceId AND task_id = :taskId AND comment_id = :commentId
                          AND NOT deleted
                        """)
                .param("workspaceId", query.workspaceId().value())
                .param("taskId", query.taskId().value())
                .param("commentId", query.commentId().value())
                .query(CommentProjection::row)
                .optional()
                .map(Keyset.Row::view);
    }

    private static Keyset.Row<CommentView> row(ResultSet rs, int rowNum) throws SQLException {
        Timestamp edited = rs.getTimestamp("edited_at");
        return new Keyset.Row<>(
                rs.getLong("seq"),
                new CommentView(
                        new CommentId(rs.getObject("comment_id", UUID.class)),
                        new TaskId(rs.getObject("task_id", UUID.class)),
                        new UserId(rs.getObject("author_id", UUID.class)),
                        rs.getString("body"),
                        Arrays.stream((UUID[]) rs.getArray("mentions").getArray())
                                .map(UserId::new)
                                .toList(),
                        rs.getTimestamp("created_at").toInstant(),
                        edited == null ? null : edited.toInstant(),
                        rs.getLong("version")));
    }

    private static UUID[] uuids(List<UserId> users) {
        return users.stream().map(UserId::value).toArray(UUID[]::new);
    }
}
