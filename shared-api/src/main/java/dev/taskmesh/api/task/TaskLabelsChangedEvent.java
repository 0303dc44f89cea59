package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.List;

/** The whole new set of labels, in the order the client gave them; empty when they were cleared. */
public record TaskLabelsChangedEvent(TaskId taskId, WorkspaceId workspaceId, List<String> labels, UserId changedBy)
        implements TaskEvent {

    public TaskLabelsChangedEvent {
        labels = List.copyOf(labels);
    }
}
