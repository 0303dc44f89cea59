package dev.taskmesh.api.comment;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.List;

/** {@code mentions}: the members the body names as {@code @handle}, resolved when the comment was posted. */
public record CommentPostedEvent(
        CommentId commentId,
        TaskId taskId,
        WorkspaceId workspaceId,
        UserId authorId,
        String body,
        List<UserId> mentions)
        implements CommentEvent {

    public CommentPostedEvent {
        mentions = List.copyOf(mentions);
    }
}
