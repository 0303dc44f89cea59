package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/**
 * A file was stored for the task and waits for its scan; nobody can download it yet.
 *
 * @param fileName the uploader's name for it, without any directory part: shown, never used as a path
 * @param contentType the type the uploader declared
 * @param sha256 the content's SHA-256, hex
 */
public record AttachmentAddedEvent(
        TaskId taskId,
        WorkspaceId workspaceId,
        AttachmentId attachmentId,
        String fileName,
        String contentType,
        long size,
        String sha256,
        UserId uploadedBy)
        implements AttachmentEvent {}
