package dev.taskmesh.command.project;

import dev.taskmesh.api.project.ProjectArchivedEvent;
import dev.taskmesh.api.project.ProjectCreatedEvent;
import dev.taskmesh.api.project.ProjectDeletedEvent;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.project.ProjectUnarchivedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's own lookup of projects. Its processing group is subscribing (see CommandSideProcessing), so a
 * row commits with the event that creates it and a task can be created in a project the moment it exists.
 */
@Component
@ProcessingGroup(JdbcProjectRegistry.PROCESSING_GROUP)
class JdbcProjectRegistry implements ProjectRegistry {

    static final String PROCESSING_GROUP = "project-registry";

    private final JdbcClient jdbc;

    JdbcProjectRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProjectCreatedEvent event) {
        jdbc.sql("""
                        INSERT INTO project_registry (project_id, workspace_id, archived) VALUES (:projectId, :workspaceId, false)
                        ON CONFLICT (project_id) DO NOTHING
                        """)
                .param("projectId", event.projectId().value())
                .param("workspaceId", event.workspaceId().value())
                .update();
    }

    @EventHandler
    void on(ProjectArchivedEvent event) {
        setArchived(event.workspaceId(), event.projectId(), true);
    }

    @EventHandler
    void on(ProjectUnarchivedEvent event) {
        setArchived(event.workspaceId(), event.projectId(), false);
    }

    /** A deleted project takes no tasks: it is unknown from now on. */
    @EventHandler
    void on(ProjectDeletedEvent event) {
        jdbc.sql("DELETE FROM project_registry WHERE workspace_id = :workspaceId AND project_id = :projectId")
                .param("workspaceId", event.workspaceId().value())
                .param("projectId", event.projectId().value())
                .update();
    }

    private void setArchived(WorkspaceId workspaceId, ProjectId projectId, boolean archived) {
        jdbc.sql("""
                        UPDATE project_registry SET archived = :archived
                        WHERE workspace_id = :workspaceId AND project_id = :projectId
                        """)
                .param("archived", archived)
                .param("workspaceId", workspaceId.value())
                .param("projectId", projectId.value())
                .update();
    }

    @Override
    public Optional<RegisteredProject> find(WorkspaceId workspaceId, ProjectId projectId) {
        return jdbc.sql("""
                        SELECT archived FROM project_registry WHERE workspace_id = :workspaceId AND project_id = :projectId
                        """)
                .param("workspaceId", workspaceId.value())
                .param("projectId", projectId.value())
                .query((rs, row) -> new RegisteredProject(projectId, workspaceId, rs.getBoolean("archived")))
                .optional();
    }
}
