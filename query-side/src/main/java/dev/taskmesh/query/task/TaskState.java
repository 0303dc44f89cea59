package dev.taskmesh.query.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.AttachmentEvent;
import dev.taskmesh.api.task.TaskAssignedEvent;
import dev.taskmesh.api.task.TaskCreatedEvent;
import dev.taskmesh.api.task.TaskDeletedEvent;
import dev.taskmesh.api.task.TaskDescriptionChangedEvent;
import dev.taskmesh.api.task.TaskDueDateChangedEvent;
import dev.taskmesh.api.task.TaskEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskLabelsChangedEvent;
import dev.taskmesh.api.task.TaskMovedEvent;
import dev.taskmesh.api.task.TaskPriority;
import dev.taskmesh.api.task.TaskPriorityChangedEvent;
import dev.taskmesh.api.task.TaskRankedEvent;
import dev.taskmesh.api.task.TaskRenamedEvent;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.task.TaskStatusChangedEvent;
import dev.taskmesh.api.task.TaskUnassignedEvent;
import dev.taskmesh.api.task.TaskView;
import dev.taskmesh.api.task.TaskWatchStartedEvent;
import dev.taskmesh.api.task.TaskWatchStoppedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A task folded from its events in memory: what {@code ?asOf=} serves. It follows the same rules as TaskProjection,
 * which writes them as SQL (the creator watches, a status change or a move also re-ranks); TaskTimeTravelIT checks
 * both agree on the same events.
 */
final class TaskState {

    private TaskId id;
    private WorkspaceId workspaceId;
    private ProjectId projectId;
    private String title;
    private String description;
    private TaskStatus status;
    private TaskPriority priority = TaskPriority.NONE;
    private LocalDate dueDate;
    private List<String> labels = List.of();
    private UserId assigneeId;
    private final List<UserId> watchers = new ArrayList<>();
    private String rank;
    private UserId createdBy;
    private Instant createdAt;
    private Instant updatedAt;
    private long version = -1;
    private boolean deleted;

    /** Applies one event, in sequence order; {@code version} is its sequence number, {@code at} its timestamp. */
    void apply(TaskEvent event, long version, Instant at) {
        switch (event) {
            case TaskCreatedEvent e -> {
                id = e.taskId();
                workspaceId = e.workspaceId();
                projectId = e.projectId();
                title = e.title();
                description = e.description();
                status = e.status();
                rank = e.rank();
                createdBy = e.createdBy();
                createdAt = at;
                watchers.add(e.createdBy());
            }
            case TaskRenamedEvent e -> title = e.title();
            case TaskDescriptionChangedEvent e -> description = e.description();
            case TaskPriorityChangedEvent e -> priority = e.priority();
            case TaskDueDateChangedEvent e -> dueDate = e.dueDate();
            case TaskLabelsChangedEvent e -> labels = e.labels();
            case TaskAssignedEvent e -> assigneeId = e.assigneeId();
            case TaskUnassignedEvent e -> assigneeId = null;
            case TaskWatchStartedEvent e -> {
                watchers.remove(e.userId());
                watchers.add(e.userId());
            }
            case TaskWatchStoppedEvent e -> watchers.remove(e.userId());
            case TaskMovedEvent e -> {
                projectId = e.toProjectId();
                rank = e.rank();
            }
            case TaskStatusChangedEvent e -> {
                status = e.to();
                rank = e.rank();
            }
            case TaskRankedEvent e -> rank = e.rank();
            case TaskDeletedEvent e -> deleted = true;
            case AttachmentEvent e -> {}
        }
        this.version = version;
        this.updatedAt = at;
    }

    boolean deleted() {
        return deleted;
    }

    boolean exists() {
        return id != null && !deleted;
    }

    WorkspaceId workspaceId() {
        return workspaceId;
    }

    TaskView view() {
        return new TaskView(
                id,
                workspaceId,
                projectId,
                title,
                description,
                status,
                priority,
                dueDate,
                labels,
                assigneeId,
                List.copyOf(watchers),
                rank,
                createdBy,
                createdAt,
                updatedAt,
                version);
    }
}
