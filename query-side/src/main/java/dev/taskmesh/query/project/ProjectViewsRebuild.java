package dev.taskmesh.query.project;

import dev.taskmesh.query.config.Rebuildable;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rebuilt rows equal the live ones, so cached project lists stay right: no invalidations while rebuilding. */
@Component
class ProjectViewsRebuild implements Rebuildable {

    @Override
    public String processingGroup() {
        return ProjectProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("project_view");
    }

    @Override
    public Object handlers(JdbcClient shadow) {
        return new ProjectProjection(shadow, (readModel, workspace) -> {});
    }
}
