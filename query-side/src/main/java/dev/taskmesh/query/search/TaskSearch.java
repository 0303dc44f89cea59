package dev.taskmesh.query.search;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.search.SearchAfter;
import dev.taskmesh.api.search.SearchHit;
import dev.taskmesh.api.search.SearchResults;
import dev.taskmesh.api.search.SearchTasksQuery;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.workspace.WorkspaceId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

/**
 * Answers searches from the search documents, always within one workspace. Any text is valid syntax
 * ({@code websearch_to_tsquery} never fails); hits are ordered by {@code ts_rank}, then the most recently changed,
 * then by id, and paged by that key; snippets are computed for the returned page only, which is the expensive part.
 * The statements read the workspace's partition of {@code search_task} by name ({@link SearchPartitions}).
 */
@Component
class TaskSearch {

    /** How much of a task's description and of its comments a snippet is cut from. */
    private static final int SNIPPET_SOURCE = 5_000;

    private static final String HEADLINE_OPTIONS =
            Snippets.MARKS + ", MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=\" … \"";

    /**
     * How alike a respelling must be (trigram similarity). Lower than pg_trgm's default 0.3, which misses a swapped
     * pair of letters in a six-letter word ("desgin": 0.27); a poor respelling is never offered anyway unless it finds
     * something. Compared per row over the workspace's words, which only a query that found nothing pays for.
     */
    private static final double RESPELL_SIMILARITY = 0.25;

    /** Query words "did you mean" respells, at most. */
    private static final int MAX_RESPELLED = 6;

    /**
     * The tsquery of the text: the whole of it, and with a last word being typed ({@link SearchText}), the text before
     * it joined to that word as typed or as a prefix. One expression for every text, so the statements' text does
     * not depend on what was typed.
     */
    private static final String TSQUERY = """
            CASE WHEN CAST(:prefix AS text) IS NULL THEN websearch_to_tsquery('english', :text)
                 WHEN :orBefore THEN websearch_to_tsquery('english', :head)
                     || (websearch_to_tsquery('english', :last) || to_tsquery('simple', :prefix || ':*'))
                 ELSE websearch_to_tsquery('english', :head)
                     && (websearch_to_tsquery('english', :last) || to_tsquery('simple', :prefix || ':*'))
            END""";

    private final JdbcClient jdbc;
    private final SearchPartitions partitions;
    private final Timer statement;

    TaskSearch(JdbcClient jdbc, SearchPartitions partitions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        // the page's statement alone, so the API's own cost is the request time minus this (docs/benchmarks.md#search)
        this.statement = Timer.builder("taskmesh.search.query")
                .description("time of a search page's SQL statement, snippets included")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @QueryHandler
    SearchResults handle(SearchTasksQuery query) {
        SearchText text = SearchText.of(query.text());
        SearchAfter after = query.after();
        String documents = partitions.of(query.workspaceId());
        StatementSpec page = bind(jdbc.sql(pageSql(documents)), text)
                .param("workspaceId", query.workspaceId().value())
                .param("projects", anyOf(query.projects().stream().map(ProjectId::toString)), Types.VARCHAR)
                .param("statuses", anyOf(query.statuses().stream().map(TaskStatus::wireName)), Types.VARCHAR)
                .param("assignees", anyOf(query.assignees().stream().map(UserId::toString)), Types.VARCHAR)
                .param("rank", after == null ? null : after.rank(), Types.REAL)
                .param("updated", after == null ? null : after.updatedAt().toString(), Types.VARCHAR)
                .param("taskId", after == null ? null : after.taskId().toString(), Types.VARCHAR)
                .param("limit", query.limit() + 1)
                .param("source", SNIPPET_SOURCE)
                .param("from", Snippets.TRANSLATE_FROM)
                .param("to", Snippets.TRANSLATE_TO)
                .param("options", HEADLINE_OPTIONS);
        List<Row> rows = this.statement.record(() -> page.query(TaskSearch::row).list());
        List<Row> hits = rows.subList(0, Math.min(rows.size(), query.limit()));
        SearchAfter nextAfter = rows.size() > query.limit() ? hits.getLast().key() : null;
        String didYouMean =
                rows.isEmpty() && after == null ? respell(query.workspaceId(), documents, query.text()) : null;
        return new SearchResults(hits.stream().map(Row::hit).toList(), nextAfter, didYouMean);
    }

    /**
     * The page's statement over {@code documents}: one text whatever the query, its filters and cursor (each absent one
     * a null that lets every row through), so that each connection prepares and keeps one plan per partition rather
     * than one per combination.
     */
    private static String pageSql(String documents) {
        // only the page's rows are read again for what a hit shows: carrying each match's text through the sort cost
        // a common word's search (a whole workspace matching) about 40 % of its statement
        return """
                WITH q AS (SELECT %2$s AS query),
                hits AS (
                    SELECT s.task_id, s.updated_at, ts_rank(s.document, q.query) AS rank
                    FROM %1$s s, q
                    WHERE s.workspace_id = :workspaceId AND s.document @@ q.query
                      AND (CAST(:projects AS uuid[]) IS NULL OR s.project_id = ANY (CAST(:projects AS uuid[])))
                      AND (CAST(:statuses AS text[]) IS NULL OR s.status = ANY (CAST(:statuses AS text[])))
                      AND (CAST(:assignees AS uuid[]) IS NULL OR s.assignee_id = ANY (CAST(:assignees AS uuid[])))),
                page AS (
                    SELECT * FROM hits
                    WHERE CAST(:rank AS real) IS NULL
                       OR (rank, updated_at, task_id)
                          < (CAST(:rank AS real), CAST(:updated AS timestamptz), CAST(:taskId AS uuid))
                    ORDER BY rank DESC, updated_at DESC, task_id DESC LIMIT :limit)
                SELECT s.task_id, s.project_id, s.title, s.status, s.assignee_id, s.labels, s.updated_at, page.rank,
                       ts_headline('english', translate(s.title || E'\\n' || s.labels_text || E'\\n'
                           || left(s.description, :source) || E'\\n' || left(s.comments, :source), :from, :to),
                           q.query, :options) AS marked
                FROM page JOIN %1$s s ON s.workspace_id = :workspaceId AND s.task_id = page.task_id, q
                ORDER BY page.rank DESC, page.updated_at DESC, page.task_id DESC
                """.formatted(documents, TSQUERY);
    }

    /**
     * Any of the values as a PostgreSQL array literal, null for none (no filter). Ids and status names hold no
     * character an array literal would need quoted.
     */
    private static String anyOf(Stream<String> values) {
        List<String> all = values.toList();
        return all.isEmpty() ? null : "{" + String.join(",", all) + "}";
    }

    /**
     * The query with each word that no title or label of the workspace uses replaced by the closest one that is
     * (trigram similarity), when the respelled query finds something; null otherwise.
     */
    private String respell(WorkspaceId workspace, String documents, String text) {
        String respelled = text;
        boolean changed = false;
        for (String word : Words.split(text).distinct().limit(MAX_RESPELLED).toList()) {
            Optional<String> closest = jdbc.sql("""
                            SELECT word FROM search_word
                            WHERE workspace_id = :workspaceId AND similarity(word, :word) >= :threshold
                            ORDER BY word = :word DESC, similarity(word, :word) DESC, uses DESC, word
                            LIMIT 1
                            """)
                    .param("workspaceId", workspace.value())
                    .param("threshold", RESPELL_SIMILARITY)
                    .param("word", word)
                    .query(String.class)
                    .optional();
            if (closest.isPresent() && !closest.get().equals(word)) {
                Matcher matcher = Pattern.compile(
                                "(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])")
                        .matcher(respelled);
                respelled = matcher.replaceAll(Matcher.quoteReplacement(closest.get()));
                changed = true;
            }
        }
        if (!changed) {
            return null;
        }
        SearchText suggestion = SearchText.of(respelled);
        boolean finds = bind(
                        jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + documents + " WHERE workspace_id = :workspaceId"
                                + " AND document @@ " + TSQUERY + ")"),
                        suggestion)
                .param("workspaceId", workspace.value())
                .query(Boolean.class)
                .single();
        return finds ? respelled : null;
    }

    private static StatementSpec bind(StatementSpec statement, SearchText text) {
        return statement
                .param("text", text.text())
                .param("head", text.head())
                .param("last", text.last(), Types.VARCHAR)
                .param("prefix", text.prefix(), Types.VARCHAR)
                .param("orBefore", text.orBefore());
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        UUID assignee = rs.getObject("assignee_id", UUID.class);
        Instant updatedAt = rs.getTimestamp("updated_at").toInstant();
        UUID taskId = rs.getObject("task_id", UUID.class);
        SearchHit hit = new SearchHit(
                new TaskId(taskId),
                new ProjectId(rs.getObject("project_id", UUID.class)),
                rs.getString("title"),
                TaskStatus.fromWireName(rs.getString("status")),
                assignee == null ? null : new UserId(assignee),
                List.of((String[]) rs.getArray("labels").getArray()),
                updatedAt,
                Snippets.parts(rs.getString("marked")));
        return new Row(hit, new SearchAfter(rs.getFloat("rank"), updatedAt, new TaskId(taskId)));
    }

    private record Row(SearchHit hit, SearchAfter key) {}
}
