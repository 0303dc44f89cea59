package dev.taskmesh.query.comment;

import dev.taskmesh.api.comment.CommentEvent;
import dev.taskmesh.query.config.Rebuildable;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class CommentViewsRebuild implements Rebuildable {

    @Override
    public String processingGroup() {
        return CommentProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("comment_view");
    }

    /** A task's comments are listed in the order they were posted (their serial numbers): one sequence per task. */
    @Override
    public SequencingPolicy<? super EventMessage<?>> sequencing() {
        return message ->
                message.getPayload() instanceof CommentEvent comment ? comment.taskId() : message.getIdentifier();
    }

    @Override
    public Object handlers(JdbcClient shadow) {
        return new CommentProjection(shadow);
    }
}
