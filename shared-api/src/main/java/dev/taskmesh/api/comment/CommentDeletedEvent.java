package dev.taskmesh.api.comment;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspaceId;

public record CommentDeletedEvent(CommentId commentId, TaskId taskId, WorkspaceId workspaceId, UserId deletedBy)
        implements CommentEvent {}
