package dev.taskmesh.api.task;

import dev.taskmesh.api.workspace.WorkspaceId;

/**
 * The file passed every check and can be downloaded from now on.
 *
 * @param detectedType the type its bytes show, which it is served as
 */
public record AttachmentScannedEvent(
        TaskId taskId, WorkspaceId workspaceId, AttachmentId attachmentId, String detectedType)
        implements AttachmentEvent {}
