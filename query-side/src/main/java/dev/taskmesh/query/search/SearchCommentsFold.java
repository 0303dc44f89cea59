package dev.taskmesh.query.search;

import dev.taskmesh.api.comment.CommentDeletedEvent;
import dev.taskmesh.api.comment.CommentEditedEvent;
import dev.taskmesh.api.comment.CommentEvent;
import dev.taskmesh.api.comment.CommentPostedEvent;
import dev.taskmesh.query.config.BulkFold;
import java.util.List;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * search_comment rows folded from each comment's events, as SearchProjection writes them; the first of the search
 * read model's folds, so that SearchTasksFold finds every task's comments. A comment's serial number is the global
 * position of its posting: it orders a task's comments as the handlers' insertions do, and the copy's sequence then
 * goes on above it for the comments the replay adds. The comments of deleted tasks are removed by SearchTasksFold,
 * which knows the deleted tasks.
 */
final class SearchCommentsFold implements BulkFold {

    @Override
    public String aggregateType() {
        return "Comment";
    }

    @Override
    public String table() {
        return "search_comment";
    }

    @Override
    public List<String> columns() {
        return List.of("comment_id", "workspace_id", "task_id", "body", "deleted", "version", "seq");
    }

    @Override
    public Object[] row(List<GenericTrackedDomainEventMessage<?>> events) {
        CommentPostedEvent posted = null;
        long postedAt = 0;
        String body = null;
        boolean deleted = false;
        long version = -1;
        for (GenericTrackedDomainEventMessage<?> event : events) {
            if (!(event.getPayload() instanceof CommentEvent comment)) {
                continue;
            }
            switch (comment) {
                case CommentPostedEvent e -> {
                    posted = e;
                    postedAt = event.trackingToken().position().orElseThrow();
                    body = e.body();
                }
                case CommentEditedEvent e -> body = e.body();
                case CommentDeletedEvent e -> deleted = true;
            }
            version = event.getSequenceNumber();
        }
        if (posted == null) {
            return null;
        }
        return new Object[] {
            posted.commentId().value(),
            posted.workspaceId().value(),
            posted.taskId().value(),
            body,
            deleted,
            version,
            postedAt
        };
    }

    /** The copy's serial numbers go on above the positions used, so comments the replay adds come after. */
    @Override
    public void end(JdbcClient shadow) {
        shadow.sql("""
                        SELECT setval(pg_get_serial_sequence('search_comment', 'seq'), max(seq))
                        FROM search_comment HAVING count(*) > 0
                        """).query(Long.class).optional();
    }
}
