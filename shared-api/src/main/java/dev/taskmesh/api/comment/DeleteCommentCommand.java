package dev.taskmesh.api.comment;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteCommentCommand(
        @TargetAggregateIdentifier CommentId commentId,
        TaskId taskId,
        WorkspaceId workspaceId,
        Long expectedVersion,
        UserId requestedBy) {}
