package dev.taskmesh.query.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.task.FindMyTasksQuery;
import dev.taskmesh.api.task.FindTasksQuery;
import dev.taskmesh.api.task.TaskFilter;
import dev.taskmesh.api.task.TaskList;
import dev.taskmesh.api.task.TaskPriority;
import dev.taskmesh.api.task.TaskSort;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.task.TaskView;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

/**
 * A project's tasks, filtered and paged by keyset: a page continues after the last row's sort key (for the board:
 * column, rank, id), so a deep page costs what the first does and a card moved meanwhile is neither lost nor repeated
 * within the order it left. Every order has an index (V6__task_lists.sql).
 */
@Component
class TaskListing {

    private final JdbcClient jdbc;

    TaskListing(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the project is not in the workspace (or not yet in the read model). */
    @QueryHandler
    Optional<TaskList> handle(FindTasksQuery query) {
        boolean project = jdbc.sql("""
                        SELECT count(*) > 0 FROM project_view
                        WHERE workspace_id = :workspaceId AND project_id = :projectId
                        """)
                .param("workspaceId", query.workspaceId().value())
                .param("projectId", query.projectId().value())
                .query(Boolean.class)
                .single();
        if (!project) {
            return Optional.empty();
        }
        List<String> conditions =
                new ArrayList<>(List.of("workspace_id = :workspaceId", "project_id = :projectId", "NOT deleted"));
        TaskFilter filter = query.filter();
        if (!filter.statuses().isEmpty()) {
            conditions.add("status IN (:statuses)");
        }
        if (!filter.assignees().isEmpty()) {
            conditions.add("assignee_id IN (:assignees)");
        }
        if (!filter.labels().isEmpty()) {
            conditions.add("labels && CAST(:labels AS text[])");
        }
        if (!filter.priorities().isEmpty()) {
            conditions.add("priority IN (:priorities)");
        }
        if (filter.dueBefore() != null) {
            conditions.add("due_date < :dueBefore");
        }
        if (filter.dueAfter() != null) {
            conditions.add("due_date > :dueAfter");
        }
        if (filter.watcher() != null) {
            conditions.add(":watcher = ANY(watchers)");
        }
        Order order = Order.of(query.sort());
        if (query.after() != null) {
            conditions.add(order.after());
        }
        StatementSpec statement = jdbc.sql("SELECT * FROM task_view WHERE " + String.join(" AND ", conditions)
                        + " ORDER BY " + order.orderBy() + " LIMIT :limit")
                .param("workspaceId", query.workspaceId().value())
                .param("projectId", query.projectId().value())
                .param(
                        "statuses",
                        filter.statuses().stream().map(TaskStatus::wireName).toList())
                .param(
                        "assignees",
                        filter.assignees().stream().map(UserId::value).toList())
                .param("labels", filter.labels().toArray(String[]::new))
                .param(
                        "priorities",
                        filter.priorities().stream().map(TaskPriority::wireName).toList())
                .param("dueBefore", filter.dueBefore() == null ? null : Date.valueOf(filter.dueBefore()))
                .param("dueAfter", filter.dueAfter() == null ? null : Date.valueOf(filter.dueAfter()))
                .param(
                        "watcher",
                        filter.watcher() == null ? null : filter.watcher().value())
                .param("limit", query.limit() + 1);
        if (query.after() != null) {
            order.bindAfter(statement, query.after());
        }
        return Optional.of(page(statement, order, query.limit()));
    }

    /** Only workspaces the user is a member of now: tasks of a workspace they left are not theirs to see. */
    @QueryHandler
    TaskList handle(FindMyTasksQuery query) {
        if (query.workspaces().isEmpty()) {
            return new TaskList(List.of(), null);
        }
        Order order = Order.UPDATED_DESC;
        List<String> conditions =
                new ArrayList<>(List.of("workspace_id IN (:workspaces)", "assignee_id = :assignee", "NOT deleted"));
        if (query.after() != null) {
            conditions.add(order.after());
        }
        StatementSpec statement = jdbc.sql("SELECT * FROM task_view WHERE " + String.join(" AND ", conditions)
                        + " ORDER BY " + order.orderBy() + " LIMIT :limit")
                .param(
                        "workspaces",
                        query.workspaces().stream().map(WorkspaceId::value).toList())
                .param("assignee", query.assignee().value())
                .param("limit", query.limit() + 1);
        if (query.after() != null) {
            order.bindAfter(statement, query.after());
        }
        return page(statement, order, query.limit());
    }

    private static TaskList page(StatementSpec statement, Order order, int limit) {
        List<TaskView> rows = statement.query(TaskProjection::view).list();
        boolean more = rows.size() > limit;
        List<TaskView> page = more ? rows.subList(0, limit) : rows;
        return new TaskList(page, more ? order.keyOf(page.getLast()) : null);
    }

    /** One sort order: its ORDER BY, its keyset condition, and its position keys ({@code a|b|…}). */
    private enum Order {
        BOARD("status_order, rank, task_id", "(status_order, rank, task_id) > (:k1, :k2, :k3)"),
        CREATED("created_at, task_id", "(created_at, task_id) > (:k1, :k3)"),
        CREATED_DESC("created_at DESC, task_id DESC", "(created_at, task_id) < (:k1, :k3)"),
        UPDATED("updated_at, task_id", "(updated_at, task_id) > (:k1, :k3)"),
        UPDATED_DESC("updated_at DESC, task_id DESC", "(updated_at, task_id) < (:k1, :k3)");

        private final String orderBy;
        private final String after;

        Order(String orderBy, String after) {
            this.orderBy = orderBy;
            this.after = after;
        }

        static Order of(TaskSort sort) {
            return switch (sort) {
                case BOARD -> BOARD;
                case CREATED_AT -> CREATED;
                case CREATED_AT_DESC -> CREATED_DESC;
                case UPDATED_AT -> UPDATED;
                case UPDATED_AT_DESC -> UPDATED_DESC;
            };
        }

        String orderBy() {
            return orderBy;
        }

        String after() {
            return after;
        }

        String keyOf(TaskView task) {
            return switch (this) {
                case BOARD -> task.status().ordinal() + "|" + task.rank() + "|" + task.id();
                case CREATED, CREATED_DESC -> task.createdAt() + "|" + task.id();
                case UPDATED, UPDATED_DESC -> task.updatedAt() + "|" + task.id();
            };
        }

        /** @throws IllegalArgumentException when the key was not made by this order */
        void bindAfter(StatementSpec statement, String key) {
            String[] parts = key.split("\\|", -1);
            if (this == BOARD) {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("not a board position: " + key);
                }
                statement
                        .param("k1", Integer.parseInt(parts[0]))
                        .param("k2", parts[1])
                        .param("k3", UUID.fromString(parts[2]));
            } else {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("not a time position: " + key);
                }
                statement.param("k1", Timestamp.from(Instant.parse(parts[0]))).param("k3", UUID.fromString(parts[1]));
            }
        }
    }
}
