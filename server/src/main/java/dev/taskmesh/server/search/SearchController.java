package dev.taskmesh.server.search;

import dev.taskmesh.api.search.SearchPage;
import dev.taskmesh.api.search.SearchResults;
import dev.taskmesh.api.search.SearchTasksQuery;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.replica.ReplicaReads;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/workspaces/{ws}/search?q=}: the workspace's tasks matching the text, best first, with highlighted
 * snippets (docs/api.md#search). Membership is checked before anything is read, as for every workspace path.
 */
@RestController
class SearchController {

    /** The processing group that builds the search documents; reads wait on it for {@code minPosition}. */
    private static final String READ_MODEL = "search";

    private static final String SERVER_TIMING = "Server-Timing";

    private final QueryGateway queries;
    private final ReplicaReads reads;

    SearchController(QueryGateway queries, ReplicaReads reads) {
        this.queries = queries;
        this.reads = reads;
    }

    @GetMapping("/api/workspaces/{ws}/search")
    SearchPage search(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) List<String> projectId,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> assignee,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long minPosition,
            HttpServletResponse response) {
        SearchTasksQuery query = SearchRequest.parse(
                ws, user, new SearchRequest.Parameters(q, projectId, status, assignee, cursor, limit));
        SearchResults results = reads.read(minPosition, () -> timed(query, response), READ_MODEL);
        return new SearchPage(results.items(), SearchRequest.cursor(results.nextAfter()), results.didYouMean());
    }

    /**
     * Runs the search and says how long it took in a {@code Server-Timing} header: its SQL statements (the page's,
     * and "did you mean"'s when nothing matched), so a client or a benchmark can tell the database's share of a
     * request from the API's (docs/api.md#search).
     */
    private SearchResults timed(SearchTasksQuery query, HttpServletResponse response) {
        long started = System.nanoTime();
        SearchResults results = queries.query(query, SearchResults.class).join();
        double millis = (System.nanoTime() - started) / 1e6;
        response.setHeader(
                SERVER_TIMING, String.format(Locale.ROOT, "search;desc=\"search statements\";dur=%.3f", millis));
        return results;
    }
}
