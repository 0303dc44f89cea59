package dev.taskmesh.query.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.task.TaskEvent;
import dev.taskmesh.api.task.TaskView;
import dev.taskmesh.query.config.BulkFold;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;

/**
 * task_view rows folded from each task's events by TaskState, the fold {@code ?asOf=} serves (TaskTimeTravelIT keeps
 * it in step with TaskProjection). A deleted task keeps its row, marked, as the handlers leave it.
 */
final class TaskViewsFold implements BulkFold {

    @Override
    public String aggregateType() {
        return "Task";
    }

    @Override
    public String table() {
        return "task_view";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "task_id",
                "workspace_id",
                "project_id",
                "title",
                "description",
                "status",
                "priority",
                "due_date",
                "labels",
                "assignee_id",
                "watchers",
                "rank",
                "created_by",
                "created_at",
                "updated_at",
                "version",
                "deleted");
    }

    @Override
    public Object[] row(List<GenericTrackedDomainEventMessage<?>> events) {
        TaskState state = new TaskState();
        for (GenericTrackedDomainEventMessage<?> event : events) {
            if (event.getPayload() instanceof TaskEvent taskEvent) {
                state.apply(taskEvent, event.getSequenceNumber(), event.getTimestamp());
            }
        }
        if (state.workspaceId() == null) {
            return null; // no creation among them
        }
        TaskView view = state.view();
        return new Object[] {
            view.id().value(),
            view.workspaceId().value(),
            view.projectId().value(),
            view.title(),
            view.description(),
            view.status().wireName(),
            view.priority().wireName(),
            view.dueDate() == null ? null : Date.valueOf(view.dueDate()),
            view.labels().toArray(String[]::new),
            view.assigneeId() == null ? null : view.assigneeId().value(),
            view.watchers().stream().map(UserId::value).toArray(UUID[]::new),
            view.rank(),
            view.createdBy().value(),
            Timestamp.from(view.createdAt()),
            Timestamp.from(view.updatedAt()),
            view.version(),
            state.deleted()
        };
    }
}
