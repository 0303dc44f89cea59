package dev.taskmesh.api.task;

import dev.taskmesh.api.workspace.WorkspaceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The scanner's verdict on a file, sent by the server itself, never by a client. Ignored unless the file still waits
 * for it, so a scan repeated after a crash changes nothing.
 *
 * @param rejection null when the file is clean; otherwise why it is refused
 */
public record RecordAttachmentScanCommand(
        @TargetAggregateIdentifier TaskId taskId,
        WorkspaceId workspaceId,
        AttachmentId attachmentId,
        String detectedType,
        String rejection) {}
