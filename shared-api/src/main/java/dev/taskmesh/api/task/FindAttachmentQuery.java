package dev.taskmesh.api.task;

import dev.taskmesh.api.workspace.WorkspaceId;

/** Answered with an {@code Optional<AttachmentView>}: empty when unknown in that workspace or removed. */
public record FindAttachmentQuery(WorkspaceId workspaceId, AttachmentId attachmentId) {}
