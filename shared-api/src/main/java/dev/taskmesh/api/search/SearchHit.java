package dev.taskmesh.api.search;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatus;
import java.time.Instant;
import java.util.List;

/**
 * A task that matched, with the words that matched highlighted in {@code snippet}: the title, then up to two passages
 * of its description, labels or comments. Every part is plain user text, never markup.
 */
public record SearchHit(
        TaskId taskId,
        ProjectId projectId,
        String title,
        TaskStatus status,
        UserId assigneeId,
        List<String> labels,
        Instant updatedAt,
        List<SnippetPart> snippet) {

    public SearchHit {
        labels = List.copyOf(labels);
        snippet = List.copyOf(snippet);
    }
}
