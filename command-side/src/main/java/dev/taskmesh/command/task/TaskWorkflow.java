package dev.taskmesh.command.task;

import static dev.taskmesh.api.task.TaskStatus.BACKLOG;
import static dev.taskmesh.api.task.TaskStatus.CANCELLED;
import static dev.taskmesh.api.task.TaskStatus.DONE;
import static dev.taskmesh.api.task.TaskStatus.IN_PROGRESS;
import static dev.taskmesh.api.task.TaskStatus.IN_REVIEW;
import static dev.taskmesh.api.task.TaskStatus.TODO;

import dev.taskmesh.api.task.TaskStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Which status a task may move to from each status: the workflow of docs/api.md, in one table. */
final class TaskWorkflow {

    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = new EnumMap<>(Map.of(
            BACKLOG, EnumSet.of(TODO, CANCELLED),
            TODO, EnumSet.of(BACKLOG, IN_PROGRESS, CANCELLED),
            IN_PROGRESS, EnumSet.of(TODO, IN_REVIEW, DONE, CANCELLED),
            IN_REVIEW, EnumSet.of(IN_PROGRESS, DONE, CANCELLED),
            DONE, EnumSet.of(TODO),
            CANCELLED, EnumSet.of(BACKLOG, TODO)));

    private TaskWorkflow() {}

    static Set<TaskStatus> allowedFrom(TaskStatus status) {
        return NEXT.get(status);
    }

    static boolean allows(TaskStatus from, TaskStatus to) {
        return allowedFrom(from).contains(to);
    }
}
