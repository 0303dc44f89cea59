package dev.taskmesh.query.search;

import dev.taskmesh.api.comment.CommentEvent;
import dev.taskmesh.api.task.TaskEvent;
import dev.taskmesh.query.config.BulkFold;
import dev.taskmesh.query.config.Rebuildable;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class SearchRebuild implements Rebuildable {

    @Override
    public String processingGroup() {
        return SearchProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("search_task", "search_comment", "search_word");
    }

    /** Comments first: each task's document holds its comments. */
    @Override
    public List<BulkFold> bulkFolds() {
        return List.of(new SearchCommentsFold(), new SearchTasksFold());
    }

    @Override
    public Object handlers(JdbcClient shadow) {
        return new SearchProjection(shadow);
    }

    /** A task's document gathers its comments: the task's and its comments' events form one sequence. */
    @Override
    public SequencingPolicy<? super EventMessage<?>> sequencing() {
        return message -> switch (message.getPayload()) {
            case TaskEvent task -> task.taskId();
            case CommentEvent comment -> comment.taskId();
            default -> message.getIdentifier();
        };
    }
}
