package dev.taskmesh.api.task;

/**
 * What happens to a task's file: added (stored, not yet downloadable), then scanned clean or rejected, and perhaps
 * removed. Task events like the others (same aggregate, same streams), grouped so that a read model that does not
 * care about files can pass them all in one case.
 */
public sealed interface AttachmentEvent extends TaskEvent
        permits AttachmentAddedEvent, AttachmentScannedEvent, AttachmentRejectedEvent, AttachmentRemovedEvent {

    AttachmentId attachmentId();
}
