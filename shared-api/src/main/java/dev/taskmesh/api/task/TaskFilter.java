package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import java.time.LocalDate;
import java.util.List;

/**
 * Which tasks of a project a list shows: each list matches any of its values, an empty list or a null matches all.
 * {@code labels} matches a task that has any of them; {@code dueBefore}/{@code dueAfter} are exclusive.
 */
public record TaskFilter(
        List<TaskStatus> statuses,
        List<UserId> assignees,
        List<String> labels,
        List<TaskPriority> priorities,
        LocalDate dueBefore,
        LocalDate dueAfter,
        UserId watcher) {

    public TaskFilter {
        statuses = List.copyOf(statuses);
        assignees = List.copyOf(assignees);
        labels = List.copyOf(labels);
        priorities = List.copyOf(priorities);
    }
}
