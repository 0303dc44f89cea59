package dev.taskmesh.api.comment;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.task.TaskId;
import java.time.Instant;
import java.util.List;

/** {@code editedAt} is null for a comment never edited. */
public record CommentView(
        CommentId id,
        TaskId taskId,
        UserId authorId,
        String body,
        List<UserId> mentions,
        Instant createdAt,
        Instant editedAt,
        long version) {}
