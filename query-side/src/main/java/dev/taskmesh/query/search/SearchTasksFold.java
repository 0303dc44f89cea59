package dev.taskmesh.query.search;

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
import dev.taskmesh.query.config.BulkFold;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * search_task rows folded from each task's events as SearchProjection writes them (the same events change the
 * document and its version, the same ones are ignored), with the task's live comments from SearchCommentsFold, and
 * the workspaces' word counts summed over the live tasks. Deleted tasks leave no row, and their comments are removed.
 * The comments' text is held in memory for the pass: a task's is capped at {@link SearchProjection#MAX_COMMENT_TEXT}.
 */
final class SearchTasksFold implements BulkFold {

    private Map<UUID, String> comments = Map.of();
    private final Map<UUID, Map<String, Integer>> wordUses = new HashMap<>();
    private final List<UUID> deleted = new ArrayList<>();

    @Override
    public String aggregateType() {
        return "Task";
    }

    @Override
    public String table() {
        return "search_task";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "task_id",
                "workspace_id",
                "project_id",
                "status",
                "assignee_id",
                "title",
                "labels",
                "labels_text",
                "description",
                "comments",
                "updated_at",
                "version");
    }

    /** Every task's live comments, oldest first, as the handlers fold them. */
    @Override
    public void begin(JdbcClient shadow) {
        Map<UUID, String> texts = new HashMap<>();
        shadow.sql("""
                        SELECT task_id, left(string_agg(body, E'\\n' ORDER BY seq), :max) AS text
                        FROM search_comment WHERE NOT deleted GROUP BY task_id
                        """).param("max", SearchProjection.MAX_COMMENT_TEXT).query(rs -> {
            texts.put(rs.getObject("task_id", UUID.class), rs.getString("text"));
        });
        comments = texts;
    }

    @Override
    public Object[] row(List<GenericTrackedDomainEventMessage<?>> events) {
        Document document = new Document();
        for (GenericTrackedDomainEventMessage<?> event : events) {
            if (event.getPayload() instanceof TaskEvent taskEvent) {
                document.apply(taskEvent, event.getSequenceNumber(), event.getTimestamp());
            }
        }
        if (document.created == null) {
            return null; // no creation among them
        }
        UUID task = document.created.taskId().value();
        if (document.deleted) {
            deleted.add(task);
            return null;
        }
        UUID workspace = document.created.workspaceId().value();
        Map<String, Integer> uses = wordUses.computeIfAbsent(workspace, w -> new HashMap<>());
        Words.of(document.title, document.labels).forEach(word -> uses.merge(word, 1, Integer::sum));
        return new Object[] {
            task,
            workspace,
            document.project,
            document.status,
            document.assignee,
            document.title,
            document.labels.toArray(String[]::new),
            String.join(" ", document.labels),
            document.description,
            comments.getOrDefault(task, ""),
            Timestamp.from(document.changedAt),
            document.version
        };
    }

    /** The deleted tasks' comments go, as their deletion removed them; the word counts are written. */
    @Override
    public void end(JdbcClient shadow) {
        shadow.sql("DELETE FROM search_comment WHERE task_id = ANY(:tasks)")
                .param("tasks", deleted.toArray(UUID[]::new))
                .update();
        WordCounts counts = new WordCounts(shadow);
        wordUses.forEach((workspace, uses) -> uses.forEach((word, n) -> counts.add(workspace, List.of(word), n)));
        counts.write();
        comments = Map.of();
        wordUses.clear();
        deleted.clear();
    }

    /** One task's document, folded event by event. */
    private static final class Document {
        TaskCreatedEvent created;
        UUID project;
        String status;
        UUID assignee;
        String title;
        List<String> labels = List.of();
        String description;
        Instant changedAt;
        long version;
        boolean deleted;

        /** Exhaustive over the sealed TaskEvent, as SearchProjection's handler: a new task event is decided here too. */
        void apply(TaskEvent event, long sequence, Instant at) {
            switch (event) {
                case TaskCreatedEvent e -> {
                    created = e;
                    project = e.projectId().value();
                    status = e.status().wireName();
                    title = e.title();
                    description = e.description() == null ? "" : e.description();
                }
                case TaskRenamedEvent e -> title = e.title();
                case TaskLabelsChangedEvent e -> labels = e.labels();
                case TaskDescriptionChangedEvent e -> description = e.description() == null ? "" : e.description();
                case TaskAssignedEvent e -> assignee = e.assigneeId().value();
                case TaskUnassignedEvent e -> assignee = null;
                case TaskMovedEvent e -> project = e.toProjectId().value();
                case TaskStatusChangedEvent e -> status = e.to().wireName();
                case TaskDeletedEvent e -> deleted = true;
                // not searched, and not shown on a hit: neither the document nor its version changes
                case TaskPriorityChangedEvent e -> {
                    return;
                }
                case TaskDueDateChangedEvent e -> {
                    return;
                }
                case TaskWatchStartedEvent e -> {
                    return;
                }
                case TaskWatchStoppedEvent e -> {
                    return;
                }
                case TaskRankedEvent e -> {
                    return;
                }
                case AttachmentEvent e -> {
                    return;
                }
            }
            version = sequence;
            changedAt = at;
        }
    }
}
