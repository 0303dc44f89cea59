package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a file already stored under {@code attachmentId}; see {@link AttachmentAddedEvent}. */
public record AddAttachmentCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        AttachmentId attachmentId,
        String fileName,
        String contentType,
        long size,
        String sha256,
        UserId requestedBy) {}
