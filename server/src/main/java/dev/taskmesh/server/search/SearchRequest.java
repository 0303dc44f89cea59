package dev.taskmesh.server.search;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.search.SearchAfter;
import dev.taskmesh.api.search.SearchTasksQuery;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.web.FieldError;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The query string of a search, read strictly: every invalid parameter is named in one 400 answer. The text may be
 * anything from 1 to 500 characters (NUL, which PostgreSQL text cannot hold, reads as a space); the filters have the
 * task list's names and meaning.
 */
final class SearchRequest {

    static final int MAX_TEXT = 500;
    private static final String CURSOR_PREFIX = "search\n";

    private final List<FieldError> errors = new ArrayList<>();

    private SearchRequest() {}

    record Parameters(
            String q,
            List<String> projectId,
            List<String> status,
            List<String> assignee,
            String cursor,
            Integer limit) {}

    static SearchTasksQuery parse(WorkspaceId ws, CurrentUser caller, Parameters parameters) {
        return new SearchRequest().read(ws, caller, parameters);
    }

    static String cursor(SearchAfter after) {
        return after == null
                ? null
                : Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((CURSOR_PREFIX + after).getBytes(StandardCharsets.UTF_8));
    }

    private SearchTasksQuery read(WorkspaceId ws, CurrentUser caller, Parameters p) {
        String text = text(p.q());
        List<ProjectId> projects = each("projectId", p.projectId(), ProjectId::parse, "must be a project id");
        List<TaskStatus> statuses = each(
                "status",
                p.status(),
                TaskStatus::fromWireName,
                "must be one of backlog, todo, in_progress, in_review, done, cancelled");
        List<UserId> assignees = each(
                "assignee",
                p.assignee(),
                value -> value.equals("me") ? caller.id() : UserId.parse(value),
                "must be a user id or me");
        SearchAfter after = after(p.cursor());
        int limit = limit(p.limit());
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid search parameters.", errors);
        }
        return new SearchTasksQuery(ws, text, projects, statuses, assignees, after, limit);
    }

    private String text(String q) {
        if (q == null || q.isBlank() || q.length() > MAX_TEXT) {
            errors.add(FieldError.query("q", "must be 1 to " + MAX_TEXT + " characters, not only spaces"));
            return null;
        }
        return q.replace('\0', ' ');
    }

    private <T> List<T> each(String parameter, List<String> values, Function<String, T> parse, String detail) {
        List<T> parsed = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            try {
                parsed.add(parse.apply(value));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.query(parameter, detail));
                return List.of();
            }
        }
        return parsed;
    }

    private SearchAfter after(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(CURSOR_PREFIX)) {
                return SearchAfter.parse(decoded.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        errors.add(FieldError.query("cursor", "is not a cursor of this search"));
        return null;
    }

    private int limit(Integer limit) {
        try {
            return PageRequest.of(null, limit).limit();
        } catch (ProblemException e) {
            errors.addAll(e.errors());
            return PageRequest.DEFAULT_LIMIT;
        }
    }
}
