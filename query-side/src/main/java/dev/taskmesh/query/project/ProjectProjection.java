package dev.taskmesh.query.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.FindProjectQuery;
import dev.taskmesh.api.project.FindProjectsQuery;
import dev.taskmesh.api.project.ProjectArchivedEvent;
import dev.taskmesh.api.project.ProjectCreatedEvent;
import dev.taskmesh.api.project.ProjectDeletedEvent;
import dev.taskmesh.api.project.ProjectDescriptionChangedEvent;
import dev.taskmesh.api.project.ProjectEvent;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.project.ProjectList;
import dev.taskmesh.api.project.ProjectRenamedEvent;
import dev.taskmesh.api.project.ProjectUnarchivedEvent;
import dev.taskmesh.api.project.ProjectView;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.query.config.Keyset;
import dev.taskmesh.query.config.ReadModelChanges;
import dev.taskmesh.query.config.WorkspaceRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

/** The project list of each workspace. Rows are keyed by project id, so replaying an event changes nothing. */
@Component
@ProcessingGroup(ProjectProjection.PROCESSING_GROUP)
class ProjectProjection {

    static final String PROCESSING_GROUP = "project-views";

    private final JdbcClient jdbc;

    private final ReadModelChanges changes;

    ProjectProjection(JdbcClient jdbc, ReadModelChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** The deleted workspace's projects go once its grace period has passed. */
    @EventHandler
    void on(WorkspacePurgedEvent event) {
        WorkspaceRows.delete(jdbc, event.workspaceId(), "project_view");
    }

    /** Every event of a project, in one exhaustive switch over the sealed ProjectEvent. */
    @EventHandler
    void on(ProjectEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        ReadModelChanges.afterCommit(changes, ReadModelChanges.PROJECTS, event.workspaceId());
        switch (event) {
            case ProjectCreatedEvent e -> insert(e, version, at);
            case ProjectRenamedEvent e -> change(e, version, "name = :name", sql -> sql.param("name", e.name()));
            case ProjectDescriptionChangedEvent e ->
                change(e, version, "description = :description", sql -> sql.param("description", e.description()));
            case ProjectArchivedEvent e -> change(e, version, "archived = true", UnaryOperator.identity());
            case ProjectUnarchivedEvent e -> change(e, version, "archived = false", UnaryOperator.identity());
            case ProjectDeletedEvent e ->
                jdbc.sql("DELETE FROM project_view WHERE workspace_id = :workspaceId AND project_id = :projectId")
                        .param("workspaceId", e.workspaceId().value())
                        .param("projectId", e.projectId().value())
                        .update();
        }
    }

    private void insert(ProjectCreatedEvent event, long version, Instant at) {
        jdbc.sql("""
                        INSERT INTO project_view (project_id, workspace_id, name, description, archived, created_by,
                                                  created_at, version)
                        VALUES (:projectId, :workspaceId, :name, :description, false, :createdBy, :createdAt, :version)
                        ON CONFLICT (project_id) DO NOTHING
                        """)
                .param("projectId", event.projectId().value())
                .param("workspaceId", event.workspaceId().value())
                .param("name", event.name())
                .param("description", event.description())
                .param("createdBy", event.createdBy().value())
                .param("createdAt", java.sql.Timestamp.from(at))
                .param("version", version)
                .update();
    }

    /** Applies {@code assignments} unless the row already reflects this version, so replays change nothing. */
    private void change(ProjectEvent event, long version, String assignments, UnaryOperator<StatementSpec> parameters) {
        StatementSpec statement = jdbc.sql("UPDATE project_view SET " + assignments + ", version = :version"
                        + " WHERE workspace_id = :workspaceId AND project_id = :projectId AND version < :version")
                .param("version", version)
                .param("workspaceId", event.workspaceId().value())
                .param("projectId", event.projectId().value());
        parameters.apply(statement).update();
    }

    @QueryHandler
    ProjectList handle(FindProjectsQuery query) {
        List<Keyset.Row<ProjectView>> rows = jdbc.sql("""
                        SELECT * FROM project_view WHERE workspace_id = :workspaceId AND seq > :after
                        ORDER BY seq LIMIT :limit
                        """)
                .param("workspaceId", query.workspaceId().value())
                .param("after", query.after())
                .param("limit", query.limit() + 1)
                .query(ProjectProjection::row)
                .list();
        Keyset.Slice<ProjectView> page = Keyset.slice(rows, query.limit());
        return new ProjectList(page.items(), page.nextAfter());
    }

    @QueryHandler
    Optional<ProjectView> handle(FindProjectQuery query) {
        return jdbc.sql("SELECT * FROM project_view WHERE workspace_id = :workspaceId AND project_id = :projectId")
                .param("workspaceId", query.workspaceId().value())
                .param("projectId", query.projectId().value())
                .query(ProjectProjection::row)
                .optional()
                .map(Keyset.Row::view);
    }

    private static Keyset.Row<ProjectView> row(ResultSet rs, int rowNum) throws SQLException {
        return new Keyset.Row<>(
                rs.getLong("seq"),
                new ProjectView(
                        new ProjectId(rs.getObject("project_id", UUID.class)),
                        new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                        rs.getString("name"),
                        rs.getString("description"),
                        rs.getBoolean("archived"),
                        new UserId(rs.getObject("created_by", UUID.class)),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getLong("version")));
    }
}
