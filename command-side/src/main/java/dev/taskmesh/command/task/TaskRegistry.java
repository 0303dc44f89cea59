package dev.taskmesh.command.task;

import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.Optional;

/** What rules about other tasks need to know: where a task is on its board, and whether it still exists. */
public interface TaskRegistry {

    /** Empty when the task does not exist in that workspace or was deleted. */
    Optional<RegisteredTask> find(WorkspaceId workspaceId, TaskId taskId);

    /** The rank of the last card in a column, empty when the column is empty. */
    Optional<String> lastRank(WorkspaceId workspaceId, ProjectId projectId, TaskStatus status);

    /**
     * The rank of the card right next to {@code rank} in a column, above it ({@code below} false: the nearest
     * greater rank) or below it; {@code except} is left out (the card being moved). Empty at the column's end.
     */
    Optional<String> neighbourRank(
            WorkspaceId workspaceId, ProjectId projectId, TaskStatus status, String rank, boolean below, TaskId except);

    record RegisteredTask(TaskId taskId, ProjectId projectId, TaskStatus status, String rank) {}
}
