package dev.taskmesh.command.task;

import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.TaskCreatedEvent;
import dev.taskmesh.api.task.TaskDeletedEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskMovedEvent;
import dev.taskmesh.api.task.TaskRankedEvent;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.task.TaskStatusChangedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's own lookup of tasks (column, rank, deleted). Subscribing, like the project registry: a task's
 * row commits with its events, so ranking next to it or commenting on it works the moment it exists.
 */
@Component
@ProcessingGroup(JdbcTaskRegistry.PROCESSING_GROUP)
class JdbcTaskRegistry implements TaskRegistry {

    static final String PROCESSING_GROUP = "task-registry";

    private final JdbcClient jdbc;

    JdbcTaskRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TaskCreatedEvent event) {
        jdbc.sql("""
                        INSERT INTO task_registry (task_id, workspace_id, project_id, status, rank, deleted)
                        VALUES (:taskId, :workspaceId, :projectId, :status, :rank, false)
                        ON CONFLICT (task_id) DO NOTHING
                        """)
                .param("taskId", event.taskId().value())
                .param("workspaceId", event.workspaceId().value())
                .param("projectId", event.projectId().value())
                .param("status", event.status().wireName())
                .param("rank", event.rank())
                .update();
    }

    @EventHandler
    void on(TaskMovedEvent event) {
        jdbc.sql("""
                        UPDATE task_registry SET project_id = :projectId, rank = :rank
                        WHERE workspace_id = :workspaceId AND task_id = :taskId
                        """)
                .param("projectId", event.toProjectId().value())
                .param("rank", event.rank())
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value())
                .update();
    }

    @EventHandler
    void on(TaskStatusChangedEvent event) {
        jdbc.sql("""
                        UPDATE task_registry SET status = :status, rank = :rank
                        WHERE workspace_id = :workspaceId AND task_id = :taskId
                        """)
                .param("status", event.to().wireName())
                .param("rank", event.rank())
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value())
                .update();
    }

    @EventHandler
    void on(TaskRankedEvent event) {
        jdbc.sql("UPDATE task_registry SET rank = :rank WHERE workspace_id = :workspaceId AND task_id = :taskId")
                .param("rank", event.rank())
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value())
                .update();
    }

    @EventHandler
    void on(TaskDeletedEvent event) {
        jdbc.sql("UPDATE task_registry SET deleted = true WHERE workspace_id = :workspaceId AND task_id = :taskId")
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value())
                .update();
    }

    @Override
    public Optional<RegisteredTask> find(WorkspaceId workspaceId, TaskId taskId) {
        return jdbc.sql("""
                        SELECT project_id, status, rank FROM task_registry
                        WHERE workspace_id = :workspaceId AND task_id = :taskId AND NOT deleted
                        """)
                .param("workspaceId", workspaceId.value())
                .param("taskId", taskId.value())
                .query((rs, row) -> new RegisteredTask(
                        taskId,
                        new ProjectId(rs.getObject("project_id", UUID.class)),
                        TaskStatus.fromWireName(rs.getString("status")),
                        rs.getString("rank")))
                .optional();
    }

    @Override
    public Optional<String> neighbourRank(
            WorkspaceId workspaceId,
            ProjectId projectId,
            TaskStatus status,
            String rank,
            boolean below,
            TaskId except) {
        String sql = below ? """
                  SELECT rank FROM task_registry
                  WHERE workspace_id = :workspaceId AND project_id = :projectId AND status = :status AND NOT deleted
                    AND task_id <> :except AND rank < :rank
                  ORDER BY rank DESC LIMIT 1
                  """ : """
                  SELECT rank FROM task_registry
                  WHERE workspace_id = :workspaceId AND project_id = :projectId AND status = :status AND NOT deleted
                    AND task_id <> :except AND rank > :rank
                  ORDER BY rank LIMIT 1
                  """;
        return jdbc.sql(sql)
                .param("workspaceId", workspaceId.value())
                .param("projectId", projectId.value())
                .param("status", status.wireName())
                .param("except", except.value())
                .param("rank", rank)
                .query(String.class)
                .optional();
    }

    @Override
    public Optional<String> lastRank(WorkspaceId workspaceId, ProjectId projectId, TaskStatus status) {
        return jdbc.sql("""
                        SELECT rank FROM task_registry
                        WHERE workspace_id = :workspaceId AND project_id = :projectId AND status = :status AND NOT deleted
                        ORDER BY rank DESC LIMIT 1
                        """)
                .param("workspaceId", workspaceId.value())
                .param("projectId", projectId.value())
                .param("status", status.wireName())
                .query(String.class)
                .optional();
    }
}
