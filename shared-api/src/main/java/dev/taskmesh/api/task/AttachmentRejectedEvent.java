package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/**
 * The file failed a check and was deleted; it never was downloadable.
 *
 * @param fileName the name it was uploaded under
 * @param reason why, in words the uploader is shown (a refused type, a malware signature's name)
 * @param uploadedBy who is told
 */
public record AttachmentRejectedEvent(
        TaskId taskId,
        WorkspaceId workspaceId,
        AttachmentId attachmentId,
        String fileName,
        String reason,
        UserId uploadedBy)
        implements AttachmentEvent {}
