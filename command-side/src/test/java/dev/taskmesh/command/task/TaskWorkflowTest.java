package dev.taskmesh.command.task;

import static dev.taskmesh.api.task.TaskStatus.BACKLOG;
import static dev.taskmesh.api.task.TaskStatus.CANCELLED;
import static dev.taskmesh.api.task.TaskStatus.DONE;
import static dev.taskmesh.api.task.TaskStatus.IN_PROGRESS;
import static dev.taskmesh.api.task.TaskStatus.IN_REVIEW;
import static dev.taskmesh.api.task.TaskStatus.TODO;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The workflow table of docs/api.md, row by row. */
class TaskWorkflowTest {

    @Test
    void backlogGoesToTodoOrIsCancelled() {
        assertThat(TaskWorkflow.allowedFrom(BACKLOG)).containsExactlyInAnyOrder(TODO, CANCELLED);
    }

    @Test
    void todoGoesBackStartsOrIsCancelled() {
        assertThat(TaskWorkflow.allowedFrom(TODO)).containsExactlyInAnyOrder(BACKLOG, IN_PROGRESS, CANCELLED);
    }

    @Test
    void workInProgressGoesBackToReviewDoneOrIsCancelled() {
        assertThat(TaskWorkflow.allowedFrom(IN_PROGRESS)).containsExactlyInAnyOrder(TODO, IN_REVIEW, DONE, CANCELLED);
    }

    @Test
    void reviewGoesBackIsDoneOrIsCancelled() {
        assertThat(TaskWorkflow.allowedFrom(IN_REVIEW)).containsExactlyInAnyOrder(IN_PROGRESS, DONE, CANCELLED);
    }

    @Test
    void doneOnlyReopens() {
        assertThat(TaskWorkflow.allowedFrom(DONE)).containsExactly(TODO);
    }

    @Test
    void cancelledComesBackToBacklogOrTodo() {
        assertThat(TaskWorkflow.allowedFrom(CANCELLED)).containsExactlyInAnyOrder(BACKLOG, TODO);
    }
}
