package dev.taskmesh.api.comment;

import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** Everything that happens to a comment. Comments are their own aggregate: they never change a task's version. */
public sealed interface CommentEvent permits CommentPostedEvent, CommentEditedEvent, CommentDeletedEvent {
    CommentId commentId();

    TaskId taskId();

    WorkspaceId workspaceId();
}
