package dev.taskmesh.query.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.AttachmentEvent;
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
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.query.config.WorkspaceRows;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
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

    /** The deleted workspace's tasks go once its grace period has passed. */
    @EventHandler
    void on(WorkspacePurgedEvent event) {
        WorkspaceRows.delete(jdbc, event.workspaceId(), "task_view");
    }

    /**
     * Every event of a task, in one exhaustive switch over the sealed TaskEvent: a new event type that this read
     * model does not handle fails to compile here instead of being ignored.
     */
    @EventHandler
    void on(TaskEvent event, @SequenceNumber long version, @org.axonframework.eventhandling.Timestamp Instant at) {
        switch (event) {
            case TaskCreatedEvent e -> insert(e, version, at);
            case TaskRenamedEvent e -> change(e, version, at, "title = :title", sql -> sql.param("title", e.title()));
            case TaskDescriptionChangedEvent e ->
                change(e, version, at, "description = :description", sql -> sql.param("description", e.description()));
            case TaskPriorityChangedEvent e ->
                change(
                        e,
                        version,
                        at,
                        "priority = :priority",
                        sql -> sql.param("priority", e.priority().wireName()));
            case TaskDueDateChangedEvent e ->
                change(e, version, at, "due_date = :dueDate", sql -> sql.param("dueDate", date(e.dueDate())));
            case TaskLabelsChangedEvent e ->
                change(
                        e,
                        version,
                        at,
                        "labels = :labels",
                        sql -> sql.param("labels", e.labels().toArray(String[]::new)));
            case TaskAssignedEvent e ->
                change(
                        e,
                        version,
                        at,
                        "assignee_id = :assignee",
                        sql -> sql.param("assignee", e.assigneeId().value()));
            case TaskUnassignedEvent e -> change(e, version, at, "assignee_id = NULL", UnaryOperator.identity());
            case TaskWatchStartedEvent e ->
                change(
                        e,
                        version,
                        at,
                        "watchers = array_append(array_remove(watchers, :user), :user)",
                        sql -> sql.param("user", e.userId().value()));
            case TaskWatchStoppedEvent e ->
                change(
                        e,
                        version,
                        at,
                        "watchers = array_remove(watchers, :user)",
                        sql -> sql.param("user", e.userId().value()));
            case TaskMovedEvent e ->
                change(
                        e,
                        version,
                        at,
                        "project_id = :projectId, rank = :rank",
                        sql -> sql.param("projectId", e.toProjectId().value()).param("rank", e.rank()));
            case TaskStatusChangedEvent e ->
                change(
                        e,
                        version,
                        at,
                        "status = :status, rank = :rank",
                        sql -> sql.param("status", e.to().wireName()).param("rank", e.rank()));
            case TaskRankedEvent e -> change(e, version, at, "rank = :rank", sql -> sql.param("rank", e.rank()));
            case TaskDeletedEvent e -> change(e, version, at, "deleted = true", UnaryOperator.identity());
            // files have their own read model; the task's row only moves to the new version
            case AttachmentEvent e -> change(e, version, at, "", UnaryOperator.identity());
        }
    }

    private void insert(TaskCreatedEvent event, long version, Instant at) {
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
        StatementSpec statement = jdbc.sql("UPDATE task_view SET " + (assignments.isEmpty() ? "" : assignments + ", ")
                        + "version = :version, updated_at = :at"
                        + " WHERE workspace_id = :workspaceId AND task_id = :taskId AND version < :version")
                .param("version", version)
                .param("at", Timestamp.from(at))
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value());
        parameters.apply(statement).update();
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    static TaskView view(ResultSet rs, int rowNum) throws SQLException {
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
