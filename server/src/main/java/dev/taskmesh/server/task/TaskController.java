package dev.taskmesh.server.task;

import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.CreateTaskCommand;
import dev.taskmesh.api.task.CreateTaskRequest;
import dev.taskmesh.api.task.FindTaskQuery;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskView;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.config.CommandSender;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ReadConsistency;
import dev.taskmesh.server.web.Requires;
import dev.taskmesh.server.web.Validation;
import java.net.URI;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TaskController {

    /** The processing group that builds task_view; reads wait on it for {@code minPosition}. */
    private static final String READ_MODEL = "task-views";

    private final CommandSender commands;
    private final QueryGateway queries;
    private final ReadConsistency consistency;

    TaskController(CommandSender commands, QueryGateway queries, ReadConsistency consistency) {
        this.commands = commands;
        this.queries = queries;
        this.consistency = consistency;
    }

    @PostMapping("/api/workspaces/{ws}/projects/{p}/tasks")
    @Requires(Permission.WRITE)
    ResponseEntity<CommandAccepted> create(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable ProjectId p,
            @RequestBody CreateTaskRequest request) {
        Validation.of()
                .text("/title", request.title(), 1, 200)
                .optionalText("/description", request.description(), 20_000)
                .orThrow();
        TaskId taskId = TaskId.random();
        CommandAccepted accepted = commands.send(
                new CreateTaskCommand(taskId, ws, p, request.title().strip(), request.description(), user.id()),
                taskId);
        return ResponseEntity.created(URI.create("/api/workspaces/" + ws + "/tasks/" + taskId))
                .body(accepted);
    }

    @GetMapping("/api/workspaces/{ws}/tasks/{t}")
    ResponseEntity<TaskView> one(
            @PathVariable WorkspaceId ws, @PathVariable TaskId t, @RequestParam(required = false) Long minPosition) {
        consistency.await(READ_MODEL, minPosition);
        TaskView task = queries.query(new FindTaskQuery(ws, t), ResponseTypes.optionalInstanceOf(TaskView.class))
                .join()
                .orElseThrow(() -> ProblemException.notFound("No such task."));
        return ResponseEntity.ok().eTag(Long.toString(task.version())).body(task);
    }
}
