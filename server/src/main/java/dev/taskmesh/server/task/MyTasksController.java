package dev.taskmesh.server.task;

import dev.taskmesh.api.task.FindMyTasksQuery;
import dev.taskmesh.api.task.TaskList;
import dev.taskmesh.api.task.TaskSort;
import dev.taskmesh.api.task.TaskView;
import dev.taskmesh.api.wire.Page;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ReadConsistency;
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
    private final ReadConsistency consistency;

    MyTasksController(QueryGateway queries, MembershipDirectory memberships, ReadConsistency consistency) {
        this.queries = queries;
        this.memberships = memberships;
        this.consistency = consistency;
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
        consistency.await(READ_MODEL, minPosition);
        TaskList tasks = queries.query(
                        new FindMyTasksQuery(user.id(), memberships.workspacesOf(user.id()), after, size),
                        TaskList.class)
                .join();
        return new Page<>(tasks.items(), TaskListRequest.cursor(TaskSort.UPDATED_AT_DESC, tasks.nextAfter()));
    }
}
