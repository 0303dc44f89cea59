package dev.taskmesh.server.task;

import dev.taskmesh.api.task.FindMyTasksQuery;
import dev.taskmesh.api.task.TaskList;
import dev.taskmesh.api.task.TaskSort;
import dev.taskmesh.api.task.TaskView;
import dev.taskmesh.api.wire.Page;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.replica.ReplicaReads;
import dev.taskmesh.server.web.PageRequest;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own work across workspaces: the tasks assigned to them where they are still a member. */
@RestController
class MyTasksController {

    private static final String READ_MODEL = "task-views";

    private final QueryGateway queries;
    private final MembershipDirectory memberships;
    private final ReplicaReads reads;

    MyTasksController(QueryGateway queries, MembershipDirectory memberships, ReplicaReads reads) {
        this.queries = queries;
        this.memberships = memberships;
        this.reads = reads;
    }

    /** The latest change first; the workspaces come from the membership table, never from the read model. */
    @GetMapping("/api/me/tasks")
    Page<TaskView> mine(
            CurrentUser user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long minPosition) {
        int size = PageRequest.of(null, limit).limit();
        String after = TaskListRequest.after(TaskSort.UPDATED_AT_DESC, cursor);
        FindMyTasksQuery query = new FindMyTasksQuery(user.id(), memberships.workspacesOf(user.id()), after, size);
        TaskList tasks = reads.read(
                minPosition, () -> queries.query(query, TaskList.class).join(), READ_MODEL);
        return new Page<>(tasks.items(), TaskListRequest.cursor(TaskSort.UPDATED_AT_DESC, tasks.nextAfter()));
    }
}
