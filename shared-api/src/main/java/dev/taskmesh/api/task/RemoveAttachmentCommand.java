package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveAttachmentCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        AttachmentId attachmentId,
        Long expectedVersion,
        UserId requestedBy) {}
