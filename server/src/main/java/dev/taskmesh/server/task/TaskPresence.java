package dev.taskmesh.server.task;

import dev.taskmesh.api.task.FindTaskQuery;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskView;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ReadConsistency;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Where a read of what hangs under a task (comments, files) starts: a deleted or unknown task has none, 404. */
@Component
public class TaskPresence {

    private static final String TASK_READ_MODEL = "task-views";

    private final QueryGateway queries;
    private final ReadConsistency consistency;

    TaskPresence(QueryGateway queries, ReadConsistency consistency) {
        this.queries = queries;
        this.consistency = consistency;
    }

    /** Waits for the task's read model and {@code readModel} to reach {@code minPosition}, then finds the task. */
    public void require(WorkspaceId ws, TaskId t, String readModel, Long minPosition) {
        consistency.await(TASK_READ_MODEL, minPosition);
        consistency.await(readModel, minPosition);
        queries.query(new FindTaskQuery(ws, t), ResponseTypes.optionalInstanceOf(TaskView.class))
                .join()
                .orElseThrow(() -> ProblemException.notFound("No such task."));
    }
}
