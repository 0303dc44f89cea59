package dev.taskmesh.query.search;

import dev.taskmesh.query.config.Rebuildable;
import java.util.List;
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

    @Override
    public Object handlers(JdbcClient shadow) {
        return new SearchProjection(shadow);
    }
}
