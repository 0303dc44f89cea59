package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import java.time.Instant;

/**
 * A task's file as clients read it.
 *
 * @param contentType the detected type once scanned clean, the declared one before
 * @param rejection why it was refused, for a {@code rejected} file; null otherwise
 * @param downloadUrl a link that works for the caller for a few minutes, for a {@code clean} file; null otherwise
 */
public record AttachmentView(
        AttachmentId id,
        TaskId taskId,
        String fileName,
        String contentType,
        long size,
        String sha256,
        AttachmentStatus status,
        String rejection,
        UserId uploadedBy,
        Instant uploadedAt,
        String downloadUrl) {

    public AttachmentView withDownloadUrl(String url) {
        return new AttachmentView(
                id, taskId, fileName, contentType, size, sha256, status, rejection, uploadedBy, uploadedAt, url);
    }
}
