package dev.taskmesh.api.task;

import dev.taskmesh.api.workspace.WorkspaceId;

/** Answered with an {@code Optional<TaskView>}: empty when the task is unknown in that workspace. */
public record FindTaskQuery(WorkspaceId workspaceId, TaskId taskId) {}
