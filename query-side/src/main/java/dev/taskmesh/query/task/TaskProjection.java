package dev.taskmesh.query.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.FindTaskQuery;
import dev.taskmesh.api.task.TaskAssignedEvent;
import dev.taskmesh.api.task.TaskCreatedEvent;
import dev.taskmesh.api.task.TaskDeletedEvent;
import dev.taskmesh.api.task.TaskDescriptionChangedEvent;
import dev.taskmesh.api.task.TaskDueDateChangedEvent;
import dev.taskmesh.api.task.TaskEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskLabelsChangedEvent;
import dev.taskmesh.api.task.TaskMovedEvent;
import dev.taskmesh.api.task.TaskPriority;
import dev.taskmesh.api.task.TaskPriorityChangedEvent;
import dev.taskmesh.api.task.TaskRankedEvent;
import dev.taskmesh.api.task.TaskRenamedEvent;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.task.TaskStatusChangedEvent;
import dev.taskmesh.api.task.TaskUnassignedEvent;
import dev.taskmesh.api.task.TaskView;
import dev.taskmesh.api.task.TaskWatchStartedEvent;
import dev.taskmesh.api.task.TaskWatchStoppedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

/**
 * One row per task with what a card and its detail page show. Each row remembers the version (the aggregate's
 * sequence number) it reflects, and an event applies only to a row that has not seen it yet, so replays and
 * rebuilds change nothing.
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
    void on(
            TaskCreatedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO task_view (task_id, workspace_id, project_id, title, description, status, rank,
                                               watchers, created_by, created_at, updated_at, version)
                        VALUES (:taskId, :workspaceId, :projectId, :title, :description, :status, :rank,
                                ARRAY[:createdBy]::uuid[], :createdBy, :at, :at, :version)
                        ON CONFLICT (task_id) DO NOTHING
                        """)
                .param("taskId", event.taskId().value())
                .param("workspaceId", event.workspaceId().value())
                .param("projectId", event.projectId().value())
                .param("title", event.title())
                .param("description", event.description())
                .param("status", event.status().wireName())
                .param("rank", event.rank())
                .param("createdBy", event.createdBy().value())
                .param("at", Timestamp.from(at))
                .param("version", version)
                .update();
    }

    @EventHandler
    void on(
            TaskRenamedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        change(event, version, at, "title = :title", sql -> sql.param("title", event.title()));
    }

    @EventHandler
    void on(
            TaskDescriptionChangedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        change(event, version, at, "description = :description", sql -> sql.param("description", event.description()));
    }

    @EventHandler
    void on(
            TaskPriorityChangedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        change(
                event,
                version,
                at,
                "priority = :priority",
                sql -> sql.param("priority", event.priority().wireName()));
    }

    @EventHandler
    void on(
            TaskDueDateChangedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        Date dueDate = event.dueDate() == null ? null : Date.valueOf(event.dueDate());
        change(event, version, at, "due_date = :dueDate", sql -> sql.param("dueDate", dueDate));
    }

    @EventHandler
    void on(
            TaskLabelsChangedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        change(
                event,
                version,
                at,
                "labels = :labels",
                sql -> sql.param("labels", event.labels().toArray(String[]::new)));
    }

    @EventHandler
    void on(
            TaskAssignedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        change(
                event,
                version,
                at,
                "assignee_id = :assignee",
                sql -> sql.param("assignee", event.assigneeId().value()));
    }

    @EventHandler
    void on(
            TaskUnassignedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        change(event, version, at, "assignee_id = NULL", UnaryOperator.identity());
    }

    @EventHandler
    void on(
            TaskWatchStartedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        change(
                event,
                version,
                at,
                "watchers = array_append(array_remove(watchers, :user), :user)",
                sql -> sql.param("user", event.userId().value()));
    }

    @EventHandler
    void on(
            TaskWatchStoppedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        change(
                event,
                version,
                at,
                "watchers = array_remove(watchers, :user)",
                sql -> sql.param("user", event.userId().value()));
    }

    @EventHandler
    void on(TaskMovedEvent event, @SequenceNumber long version, @org.axonframework.eventhandling.Timestamp Instant at) {
        change(
                event,
                version,
                at,
                "project_id = :projectId, rank = :rank",
                sql -> sql.param("projectId", event.toProjectId().value()).param("rank", event.rank()));
    }

    @EventHandler
    void on(
            TaskStatusChangedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        change(
                event,
                version,
                at,
                "status = :status, rank = :rank",
                sql -> sql.param("status", event.to().wireName()).param("rank", event.rank()));
    }

    @EventHandler
    void on(
            TaskRankedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        change(event, version, at, "rank = :rank", sql -> sql.param("rank", event.rank()));
    }

    @EventHandler
    void on(
            TaskDeletedEvent event,
            @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        change(event, version, at, "deleted = true", UnaryOperator.identity());
    }

    @QueryHandler
    Optional<TaskView> handle(FindTaskQuery query) {
        return jdbc.sql(
                        "SELECT * FROM task_view WHERE workspace_id = :workspaceId AND task_id = :taskId AND NOT deleted")
                .param("workspaceId", query.workspaceId().value())
                .param("taskId", query.taskId().value())
                .query(TaskProjection::view)
                .optional();
    }

    /** Applies {@code assignments} to the task's row unless the row already reflects this version. */
    private void change(
            TaskEvent event, long version, Instant at, String assignments, UnaryOperator<StatementSpec> parameters) {
        StatementSpec statement = jdbc.sql("UPDATE task_view SET " + assignments
                        + ", version = :version, updated_at = :at"
                        + " WHERE workspace_id = :workspaceId AND task_id = :taskId AND version < :version")
                .param("version", version)
                .param("at", Timestamp.from(at))
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value());
        parameters.apply(statement).update();
    }

    private static TaskView view(ResultSet rs, int rowNum) throws SQLException {
        Date dueDate = rs.getDate("due_date");
        UUID assignee = rs.getObject("assignee_id", UUID.class);
        return new TaskView(
                new TaskId(rs.getObject("task_id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new ProjectId(rs.getObject("project_id", UUID.class)),
                rs.getString("title"),
                rs.getString("description"),
                TaskStatus.fromWireName(rs.getString("status")),
                TaskPriority.fromWireName(rs.getString("priority")),
                dueDate == null ? null : dueDate.toLocalDate(),
                List.of((String[]) rs.getArray("labels").getArray()),
                assignee == null ? null : new UserId(assignee),
                users(rs.getArray("watchers")),
                rs.getString("rank"),
                new UserId(rs.getObject("created_by", UUID.class)),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }

    private static List<UserId> users(Array array) throws SQLException {
        return Arrays.stream((UUID[]) array.getArray()).map(UserId::new).toList();
    }
}
