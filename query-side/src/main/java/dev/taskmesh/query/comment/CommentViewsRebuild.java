package dev.taskmesh.query.comment;

import dev.taskmesh.query.config.Rebuildable;
import java.util.List;
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

    @Override
    public Object handlers(JdbcClient shadow) {
        return new CommentProjection(shadow);
    }
}
