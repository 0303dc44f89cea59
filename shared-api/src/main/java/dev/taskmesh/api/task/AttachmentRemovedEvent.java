package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;

/** The file was taken off the task (by a member, or with the task's deletion) and is deleted from storage. */
public record AttachmentRemovedEvent(
        TaskId taskId, WorkspaceId workspaceId, AttachmentId attachmentId, UserId removedBy)
        implements AttachmentEvent {}
