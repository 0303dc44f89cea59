package dev.taskmesh.query.search;

import dev.taskmesh.api.comment.CommentDeletedEvent;
import dev.taskmesh.api.comment.CommentEditedEvent;
import dev.taskmesh.api.comment.CommentPostedEvent;
import dev.taskmesh.api.task.AttachmentEvent;
import dev.taskmesh.api.task.TaskAssignedEvent;
import dev.taskmesh.api.task.TaskCreatedEvent;
import dev.taskmesh.api.task.TaskDeletedEvent;
import dev.taskmesh.api.task.TaskDescriptionChangedEvent;
import dev.taskmesh.api.task.TaskDueDateChangedEvent;
import dev.taskmesh.api.task.TaskEvent;
import dev.taskmesh.api.task.TaskLabelsChangedEvent;
import dev.taskmesh.api.task.TaskMovedEvent;
import dev.taskmesh.api.task.TaskPriorityChangedEvent;
import dev.taskmesh.api.task.TaskRankedEvent;
import dev.taskmesh.api.task.TaskRenamedEvent;
import dev.taskmesh.api.task.TaskStatusChangedEvent;
import dev.taskmesh.api.task.TaskUnassignedEvent;
import dev.taskmesh.api.task.TaskWatchStartedEvent;
import dev.taskmesh.api.task.TaskWatchStoppedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.query.config.WorkspaceRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

/**
 * The search documents: one row per live task, its comments folded in, and the words of titles and labels counted
 * per workspace for "did you mean". Rows remember the version they reflect, as in the task read model, so replays
 * change nothing; a processing group of its own, so it can be rebuilt alone.
 */
@Component
@ProcessingGroup(SearchProjection.PROCESSING_GROUP)
class SearchProjection {

    static final String PROCESSING_GROUP = "search";

    /** Comments searched per task; a task's tsvector must stay well under PostgreSQL's 1 MB limit. */
    static final int MAX_COMMENT_TEXT = 100_000;

    private final JdbcClient jdbc;
    private final String wordCountsKey = WordCounts.class.getName() + "@" + System.identityHashCode(this);

    SearchProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE search_task, search_comment, search_word").update();
    }

    /** The deleted workspace's documents and words go once its grace period has passed. */
    @EventHandler
    void on(WorkspacePurgedEvent event) {
        WorkspaceRows.delete(jdbc, event.workspaceId(), "search_comment", "search_word", "search_task");
    }

    /** Exhaustive over the sealed TaskEvent: a new task event must be decided on here. */
    @EventHandler
    void on(TaskEvent event, @SequenceNumber long version, @org.axonframework.eventhandling.Timestamp Instant at) {
        switch (event) {
            case TaskCreatedEvent e -> insert(e, version, at);
            case TaskRenamedEvent e -> rewordAndChange(e, version, at, e.title(), null);
            case TaskLabelsChangedEvent e -> rewordAndChange(e, version, at, null, e.labels());
            case TaskDescriptionChangedEvent e ->
                change(
                        e,
                        version,
                        at,
                        "description = :description",
                        sql -> sql.param("description", e.description() == null ? "" : e.description()));
            case TaskAssignedEvent e ->
                change(
                        e,
                        version,
                        at,
                        "assignee_id = :assignee",
                        sql -> sql.param("assignee", e.assigneeId().value()));
            case TaskUnassignedEvent e -> change(e, version, at, "assignee_id = NULL", UnaryOperator.identity());
            case TaskMovedEvent e ->
                change(
                        e,
                        version,
                        at,
                        "project_id = :projectId",
                        sql -> sql.param("projectId", e.toProjectId().value()));
            case TaskStatusChangedEvent e ->
                change(e, version, at, "status = :status", sql -> sql.param("status", e.to().wireName()));
            case TaskDeletedEvent e -> delete(e, version);
            // not searched, and not shown on a hit
            case TaskPriorityChangedEvent e -> {}
            case TaskDueDateChangedEvent e -> {}
            case TaskWatchStartedEvent e -> {}
            case TaskWatchStoppedEvent e -> {}
            case TaskRankedEvent e -> {}
            case AttachmentEvent e -> {}
        }
    }

    @EventHandler
    void on(CommentPostedEvent event, @SequenceNumber long version) {
        jdbc.sql("""
                        INSERT INTO search_comment (comment_id, workspace_id, task_id, body, version)
                        VALUES (:commentId, :workspaceId, :taskId, :body, :version)
                        ON CONFLICT (comment_id) DO NOTHING
                        """)
                .param("commentId", event.commentId().value())
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value())
                .param("body", event.body())
                .param("version", version)
                .update();
        foldComments(event.workspaceId(), event.taskId().value());
    }

    @EventHandler
    void on(CommentEditedEvent event, @SequenceNumber long version) {
        changeComment(event.workspaceId(), event.commentId().value(), version, "body = :body", event.body());
    }

    @EventHandler
    void on(CommentDeletedEvent event, @SequenceNumber long version) {
        changeComment(event.workspaceId(), event.commentId().value(), version, "deleted = true", null);
    }

    private void insert(TaskCreatedEvent event, long version, Instant at) {
        int inserted = jdbc.sql("""
                        INSERT INTO search_task (task_id, workspace_id, project_id, status, title, description,
                                                 updated_at, version)
                        VALUES (:taskId, :workspaceId, :projectId, :status, :title, :description, :at, :version)
                        ON CONFLICT (workspace_id, task_id) DO NOTHING
                        """)
                .param("taskId", event.taskId().value())
                .param("workspaceId", event.workspaceId().value())
                .param("projectId", event.projectId().value())
                .param("status", event.status().wireName())
                .param("title", event.title())
                .param("description", event.description() == null ? "" : event.description())
                .param("at", Timestamp.from(at))
                .param("version", version)
                .update();
        if (inserted == 1) {
            countWords(event.workspaceId(), Words.of(event.title(), List.of()), 1);
        }
    }

    /** A new title or new labels: the document changes and so do the workspace's word counts. */
    private void rewordAndChange(TaskEvent event, long version, Instant at, String newTitle, List<String> newLabels) {
        Optional<Stored> stored = jdbc.sql("""
                        SELECT title, labels FROM search_task
                        WHERE workspace_id = :workspaceId AND task_id = :taskId AND version < :version
                        FOR UPDATE
                        """)
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value())
                .param("version", version)
                .query((rs, n) -> new Stored(rs.getString("title"), List.of((String[])
                        rs.getArray("labels").getArray())))
                .optional();
        if (stored.isEmpty()) {
            return;
        }
        String title = newTitle == null ? stored.get().title() : newTitle;
        List<String> labels = newLabels == null ? stored.get().labels() : newLabels;
        change(
                event,
                version,
                at,
                "title = :title, labels = :labels, labels_text = :labelsText",
                sql -> sql.param("title", title)
                        .param("labels", labels.toArray(String[]::new))
                        .param("labelsText", String.join(" ", labels)));
        Set<String> before = Words.of(stored.get().title(), stored.get().labels());
        Set<String> after = Words.of(title, labels);
        Set<String> gone = new HashSet<>(before);
        gone.removeAll(after);
        after.removeAll(before);
        countWords(event.workspaceId(), gone, -1);
        countWords(event.workspaceId(), after, 1);
    }

    private void delete(TaskDeletedEvent event, long version) {
        jdbc.sql("""
                        DELETE FROM search_task
                        WHERE workspace_id = :workspaceId AND task_id = :taskId AND version < :version
                        RETURNING title, labels
                        """)
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value())
                .param("version", version)
                .query((rs, n) -> Words.of(rs.getString("title"), List.of((String[])
                        rs.getArray("labels").getArray())))
                .optional()
                .ifPresent(words -> countWords(event.workspaceId(), words, -1));
        jdbc.sql("DELETE FROM search_comment WHERE workspace_id = :workspaceId AND task_id = :taskId")
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value())
                .update();
    }

    /** Applies {@code assignments} to the task's document unless it already reflects this version. */
    private void change(
            TaskEvent event, long version, Instant at, String assignments, UnaryOperator<StatementSpec> parameters) {
        StatementSpec statement = jdbc.sql("UPDATE search_task SET " + assignments
                        + ", version = :version, updated_at = :at"
                        + " WHERE workspace_id = :workspaceId AND task_id = :taskId AND version < :version")
                .param("version", version)
                .param("at", Timestamp.from(at))
                .param("workspaceId", event.workspaceId().value())
                .param("taskId", event.taskId().value());
        parameters.apply(statement).update();
    }

    private void changeComment(WorkspaceId workspace, UUID commentId, long version, String assignment, String body) {
        StatementSpec statement = jdbc.sql("UPDATE search_comment SET " + assignment + ", version = :version"
                        + " WHERE workspace_id = :workspaceId AND comment_id = :commentId AND version < :version"
                        + " RETURNING task_id")
                .param("version", version)
                .param("workspaceId", workspace.value())
                .param("commentId", commentId);
        if (body != null) {
            statement = statement.param("body", body);
        }
        statement.query(UUID.class).optional().ifPresent(task -> foldComments(workspace, task));
    }

    /** Folds the task's live comments, oldest first, into its document. */
    private void foldComments(WorkspaceId workspace, UUID task) {
        jdbc.sql("""
                        UPDATE search_task SET comments = coalesce(
                            (SELECT left(string_agg(body, E'\\n' ORDER BY seq), :max)
                             FROM search_comment WHERE task_id = :taskId AND NOT deleted), '')
                        WHERE workspace_id = :workspaceId AND task_id = :taskId
                        """)
                .param("max", MAX_COMMENT_TEXT)
                .param("taskId", task)
                .param("workspaceId", workspace.value())
                .update();
    }

    /** Adds {@code delta} to each word's use count, when the batch commits (WordCounts). */
    private void countWords(WorkspaceId workspace, Set<String> words, int delta) {
        if (words.isEmpty()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        WordCounts counts = unitOfWork.getOrComputeResource(wordCountsKey, key -> {
            WordCounts batch = new WordCounts(jdbc);
            unitOfWork.onPrepareCommit(u -> batch.write());
            return batch;
        });
        counts.add(workspace.value(), words, delta);
    }

    private record Stored(String title, List<String> labels) {}
}
