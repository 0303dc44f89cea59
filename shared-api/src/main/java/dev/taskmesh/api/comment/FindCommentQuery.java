package dev.taskmesh.api.comment;

import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** Answered with an {@code Optional<CommentView>}: empty when unknown on that task of that workspace, or deleted. */
public record FindCommentQuery(WorkspaceId workspaceId, TaskId taskId, CommentId commentId) {}
