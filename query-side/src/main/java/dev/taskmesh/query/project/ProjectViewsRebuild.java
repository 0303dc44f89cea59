package dev.taskmesh.query.project;

import dev.taskmesh.api.project.ProjectEvent;
import dev.taskmesh.query.config.Rebuildable;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
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

    /** A workspace's projects are listed in the order they were created (their serial numbers): one sequence per workspace. */
    @Override
    public SequencingPolicy<? super EventMessage<?>> sequencing() {
        return message ->
                message.getPayload() instanceof ProjectEvent project ? project.workspaceId() : message.getIdentifier();
    }

    @Override
    public Object handlers(JdbcClient shadow) {
        return new ProjectProjection(shadow, (readModel, workspace) -> {});
    }
}
