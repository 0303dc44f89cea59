package dev.taskmesh.server.search;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.search.SearchAfter;
import dev.taskmesh.api.search.SearchTasksQuery;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.QueryErrors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The query string of a search, read strictly: every invalid parameter is named in one 400 answer. The text may be
 * anything from 1 to 500 characters (NUL, which PostgreSQL text cannot hold, reads as a space); the filters have the
 * task list's names and meaning.
 */
final class SearchRequest {

    static final int MAX_TEXT = 500;
    static final int DEFAULT_LIMIT = 20;
    private static final String CURSOR_PREFIX = "search\n";

    private final QueryErrors errors = new QueryErrors();

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
        List<ProjectId> projects = errors.each("projectId", p.projectId(), ProjectId::parse, "must be a project id");
        List<TaskStatus> statuses =
                errors.each("status", p.status(), TaskStatus::fromWireName, "must be one of " + TaskStatus.wireNames());
        List<UserId> assignees = errors.each(
                "assignee",
                p.assignee(),
                value -> value.equals("me") ? caller.id() : UserId.parse(value),
                "must be a user id or me");
        SearchAfter after = after(p.cursor());
        int limit = limit(p.limit());
        errors.throwIfAny("Invalid search parameters.");
        return new SearchTasksQuery(ws, text, projects, statuses, assignees, after, limit);
    }

    private String text(String q) {
        if (q == null || q.isBlank() || q.length() > MAX_TEXT) {
            errors.add("q", "must be 1 to " + MAX_TEXT + " characters, not only spaces");
            return null;
        }
        return q.replace('\0', ' ');
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
        errors.add("cursor", "is not a cursor of this search");
        return null;
    }

    /**
     * 20 hits unless asked otherwise (up to the lists' 200): a results page shows a screenful, and each hit's snippet
     * is the costliest part of a search.
     */
    private int limit(Integer limit) {
        try {
            return PageRequest.of(null, limit == null ? DEFAULT_LIMIT : limit).limit();
        } catch (ProblemException e) {
            errors.addAll(e.errors());
            return DEFAULT_LIMIT;
        }
    }
}
