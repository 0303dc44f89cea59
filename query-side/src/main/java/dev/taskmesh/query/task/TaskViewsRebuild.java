package dev.taskmesh.query.task;

import dev.taskmesh.query.config.BulkFold;
import dev.taskmesh.query.config.Rebuildable;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class TaskViewsRebuild implements Rebuildable {

    @Override
    public String processingGroup() {
        return TaskProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("task_view");
    }

    @Override
    public List<BulkFold> bulkFolds() {
        return List.of(new TaskViewsFold());
    }

    @Override
    public Object handlers(JdbcClient shadow) {
        return new TaskProjection(shadow);
    }
}
