package dev.taskmesh.api.comment;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.List;

/** The new body, with its mentions resolved anew. */
public record CommentEditedEvent(
        CommentId commentId,
        TaskId taskId,
        WorkspaceId workspaceId,
        String body,
        List<UserId> mentions,
        UserId editedBy)
        implements CommentEvent {

    public CommentEditedEvent {
        mentions = List.copyOf(mentions);
    }
}
