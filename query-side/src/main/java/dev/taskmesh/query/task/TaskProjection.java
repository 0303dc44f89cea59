package dev.taskmesh.query.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.FindTaskQuery;
import dev.taskmesh.api.task.TaskCreatedEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.task.TaskView;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One row per task with what a card and its detail page show. Each row remembers the version it reflects, and
 * updates only move it forward, so replays and rebuilds are safe.
 */
@Component
@ProcessingGroup(TaskProjection.PROCESSING_GROUP)
class TaskProjection {

    static final String PROCESSING_GROUP = "task-views";

    private final JdbcClient jdbc;

    TaskProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TaskCreatedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO task_view (task_id, workspace_id, project_id, title, description, status,
                                               created_by, created_at, updated_at, version)
                        VALUES (:taskId, :workspaceId, :projectId, :title, :description, :status,
                                :createdBy, :at, :at, :version)
                        ON CONFLICT (task_id) DO NOTHING
                        """)
                .param("taskId", event.taskId().value())
                .param("workspaceId", event.workspaceId().value())
                .param("projectId", event.projectId().value())
                .param("title", event.title())
                .param("description", event.description())
                .param("status", event.status().wireName())
                .param("createdBy", event.createdBy().value())
                .param("at", java.sql.Timestamp.from(at))
                .param("version", version)
                .update();
    }

    @QueryHandler
    Optional<TaskView> handle(FindTaskQuery query) {
        return jdbc.sql("SELECT * FROM task_view WHERE workspace_id = :workspaceId AND task_id = :taskId")
                .param("workspaceId", query.workspaceId().value())
                .param("taskId", query.taskId().value())
                .query(TaskProjection::view)
                .optional();
    }

    private static TaskView view(ResultSet rs, int rowNum) throws SQLException {
        return new TaskView(
                new TaskId(rs.getObject("task_id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new ProjectId(rs.getObject("project_id", UUID.class)),
                rs.getString("title"),
                rs.getString("description"),
                TaskStatus.fromWireName(rs.getString("status")),
                new UserId(rs.getObject("created_by", UUID.class)),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }
}
