package dev.taskmesh.server.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.FindTasksQuery;
import dev.taskmesh.api.task.TaskFilter;
import dev.taskmesh.api.task.TaskPriority;
import dev.taskmesh.api.task.TaskSort;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.QueryErrors;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

/**
 * The query string of a task list, read strictly: every invalid parameter is named in one 400 answer. Repeating a
 * parameter means any of its values ({@code ?status=todo&status=done}); {@code me} stands for the caller. The cursor
 * carries its sort, so a cursor of another order is refused instead of silently skipping tasks.
 */
final class TaskListRequest {

    private final QueryErrors errors = new QueryErrors();

    private TaskListRequest() {}

    record Parameters(
            List<String> status,
            List<String> assignee,
            List<String> label,
            List<String> priority,
            String dueBefore,
            String dueAfter,
            String watching,
            String sort,
            String cursor,
            Integer limit) {}

    static FindTasksQuery parse(WorkspaceId ws, ProjectId project, CurrentUser caller, Parameters parameters) {
        return new TaskListRequest().read(ws, project, caller, parameters);
    }

    /** The list's {@code nextCursor} for a position key of the query side. */
    static String cursor(TaskSort sort, String after) {
        if (after == null) {
            return null;
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((sort.wireName() + "\n" + after).getBytes(StandardCharsets.UTF_8));
    }

    private FindTasksQuery read(WorkspaceId ws, ProjectId project, CurrentUser caller, Parameters p) {
        int limit = PageRequest.of(null, p.limit()).limit();
        TaskSort sort = p.sort() == null
                ? TaskSort.BOARD
                : TaskSort.fromWireName(p.sort()).orElse(null);
        if (sort == null) {
            errors.add("sort", "must be one of board, createdAt, -createdAt, updatedAt, -updatedAt");
        }
        TaskFilter filter = new TaskFilter(
                errors.each("status", p.status(), TaskStatus::fromWireName, TaskController.STATUSES),
                errors.each("assignee", p.assignee(), value -> user(value, caller), "must be a user id or me"),
                labels(p.label()),
                errors.each(
                        "priority",
                        p.priority(),
                        TaskPriority::fromWireName,
                        "must be one of none, low, medium, high, urgent"),
                date("dueBefore", p.dueBefore()),
                date("dueAfter", p.dueAfter()),
                watching(p.watching(), caller));
        String after = sort == null ? null : after(p.cursor(), sort);
        errors.throwIfAny("Invalid task list parameters.");
        return new FindTasksQuery(ws, project, filter, sort, after, limit);
    }

    private List<String> labels(List<String> values) {
        List<String> labels = values == null ? List.of() : values;
        if (labels.stream().anyMatch(label -> label.isBlank() || label.length() > 50)) {
            errors.add("label", "must be 1 to 50 characters");
            return List.of();
        }
        return labels;
    }

    private LocalDate date(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(parameter, "must be a date, e.g. 2026-12-31");
            return null;
        }
    }

    private UserId watching(String value, CurrentUser caller) {
        if (value == null) {
            return null;
        }
        if (!value.equals("me")) {
            errors.add("watching", "must be me");
            return null;
        }
        return caller.id();
    }

    private String after(String cursor, TaskSort sort) {
        try {
            return after(sort, cursor);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /**
     * The position key a cursor of this order carries; null for no cursor.
     *
     * @throws ProblemException validation-failed for a cursor of another list or order
     */
    static String after(TaskSort sort, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int newline = decoded.indexOf('\n');
            if (newline > 0 && decoded.substring(0, newline).equals(sort.wireName())) {
                return decoded.substring(newline + 1);
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ProblemException.invalidQuery("cursor", "is not a cursor of this list in this order");
    }

    private static UserId user(String value, CurrentUser caller) {
        return value.equals("me") ? caller.id() : UserId.parse(value);
    }
}
