package dev.taskmesh.api.task;

import dev.taskmesh.api.workspace.WorkspaceId;

/** Everything that happens to a task. Every event names its workspace, the key for routing and filtering. */
public sealed interface TaskEvent
        permits TaskCreatedEvent,
                TaskRenamedEvent,
                TaskDescriptionChangedEvent,
                TaskPriorityChangedEvent,
                TaskDueDateChangedEvent,
                TaskLabelsChangedEvent,
                TaskAssignedEvent,
                TaskUnassignedEvent,
                TaskWatchStartedEvent,
                TaskWatchStoppedEvent,
                TaskMovedEvent,
                TaskStatusChangedEvent,
                TaskRankedEvent,
                TaskDeletedEvent,
                AttachmentEvent {
    TaskId taskId();

    WorkspaceId workspaceId();
}
