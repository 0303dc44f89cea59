package dev.taskmesh.server.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.AssignTaskCommand;
import dev.taskmesh.api.task.AssignTaskRequest;
import dev.taskmesh.api.task.ChangeStatusRequest;
import dev.taskmesh.api.task.ChangeTaskDetailsCommand;
import dev.taskmesh.api.task.ChangeTaskStatusCommand;
import dev.taskmesh.api.task.CreateTaskCommand;
import dev.taskmesh.api.task.CreateTaskRequest;
import dev.taskmesh.api.task.DeleteTaskCommand;
import dev.taskmesh.api.task.FindTaskAsOfQuery;
import dev.taskmesh.api.task.FindTaskHistoryQuery;
import dev.taskmesh.api.task.FindTaskQuery;
import dev.taskmesh.api.task.FindTasksQuery;
import dev.taskmesh.api.task.MoveTaskCommand;
import dev.taskmesh.api.task.MoveTaskRequest;
import dev.taskmesh.api.task.RankTaskCommand;
import dev.taskmesh.api.task.RankTaskRequest;
import dev.taskmesh.api.task.TaskChange;
import dev.taskmesh.api.task.TaskHistory;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskList;
import dev.taskmesh.api.task.TaskPriority;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.task.TaskView;
import dev.taskmesh.api.task.WatchTaskCommand;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.wire.Page;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.config.CommandSender;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.replica.ReplicaReads;
import dev.taskmesh.server.web.IfMatch;
import dev.taskmesh.server.web.MergePatch;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ReadConsistency;
import dev.taskmesh.server.web.Requires;
import dev.taskmesh.server.web.Validation;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Tasks. Every change answers {@code {id, version, globalPosition}} and takes an optional
 * {@code If-Match: "<version>"}; a change that would change nothing appends nothing and answers the current version.
 */
@RestController
@RequestMapping("/api/workspaces/{ws}")
class TaskController {

    /** The processing group that builds task_view; reads wait on it for {@code minPosition}. */
    private static final String READ_MODEL = "task-views";

    /** The project must exist for its list to be served: its read model is waited on too. */
    private static final String PROJECT_READ_MODEL = "project-views";

    private static final Set<String> PATCHABLE = Set.of("title", "description", "priority", "dueDate", "labels");
    static final String STATUSES = "must be one of " + TaskStatus.wireNames();

    private final CommandSender commands;
    private final QueryGateway queries;
    private final ReadConsistency consistency;
    private final ReplicaReads reads;

    TaskController(CommandSender commands, QueryGateway queries, ReadConsistency consistency, ReplicaReads reads) {
        this.commands = commands;
        this.queries = queries;
        this.consistency = consistency;
        this.reads = reads;
    }

    @PostMapping("/projects/{p}/tasks")
    @Requires(Permission.WRITE)
    ResponseEntity<CommandAccepted> create(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable ProjectId p,
            @RequestBody CreateTaskRequest request) {
        Validation.of()
                .text("/title", request.title(), 1, 200)
                .optionalText("/description", request.description(), 20_000)
                .parsesIfPresent("/status", request.status(), TaskStatus::fromWireName, STATUSES)
                .orThrow();
        TaskId taskId = TaskId.random();
        TaskStatus status = request.status() == null ? null : TaskStatus.fromWireName(request.status());
        CommandAccepted accepted = commands.send(
                new CreateTaskCommand(taskId, ws, p, request.title().strip(), request.description(), status, user.id()),
                taskId);
        return ResponseEntity.created(URI.create("/api/workspaces/" + ws + "/tasks/" + taskId))
                .body(accepted);
    }

    /** A page of the project's tasks, filtered, in board order unless {@code sort} says otherwise. */
    @GetMapping("/projects/{p}/tasks")
    Page<TaskView> list(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable ProjectId p,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> assignee,
            @RequestParam(required = false) List<String> label,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) String dueBefore,
            @RequestParam(required = false) String dueAfter,
            @RequestParam(required = false) String watching,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long minPosition) {
        FindTasksQuery query = TaskListRequest.parse(
                ws,
                p,
                user,
                new TaskListRequest.Parameters(
                        status, assignee, label, priority, dueBefore, dueAfter, watching, sort, cursor, limit));
        TaskList tasks = reads.read(
                        minPosition,
                        () -> queries.query(query, ResponseTypes.optionalInstanceOf(TaskList.class))
                                .join(),
                        PROJECT_READ_MODEL,
                        READ_MODEL)
                .orElseThrow(() -> ProblemException.notFound("No such project."));
        return new Page<>(tasks.items(), TaskListRequest.cursor(query.sort(), tasks.nextAfter()));
    }

    /**
     * The task now, from its read model; or, with {@code asOf}, as it was at that instant, rebuilt from its events
     * (no ETag then: a past state is not something to update against).
     */
    @GetMapping("/tasks/{t}")
    ResponseEntity<TaskView> one(
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestParam(required = false) Long minPosition,
            @RequestParam(required = false) String asOf) {
        if (asOf != null) {
            Instant instant = instant("asOf", asOf);
            return ResponseEntity.ok(queries.query(
                            new FindTaskAsOfQuery(ws, t, instant), ResponseTypes.optionalInstanceOf(TaskView.class))
                    .join()
                    .orElseThrow(() -> ProblemException.notFound("No such task at " + instant + ".")));
        }
        consistency.await(READ_MODEL, minPosition);
        TaskView task = queries.query(new FindTaskQuery(ws, t), ResponseTypes.optionalInstanceOf(TaskView.class))
                .join()
                .orElseThrow(() -> ProblemException.notFound("No such task."));
        return ResponseEntity.ok().eTag(Long.toString(task.version())).body(task);
    }

    /** Every change of the task, oldest first, from the event store: version, type, actor, time and the event. */
    @GetMapping("/tasks/{t}/history")
    Page<TaskChange> history(
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        PageRequest page = PageRequest.of(cursor, limit);
        TaskHistory history = queries.query(
                        new FindTaskHistoryQuery(ws, t, page.after(), page.limit()),
                        ResponseTypes.optionalInstanceOf(TaskHistory.class))
                .join()
                .orElseThrow(() -> ProblemException.notFound("No such task."));
        return new Page<>(history.items(), PageRequest.cursor(history.nextFrom()));
    }

    /** A JSON Merge Patch of title, description, priority, dueDate and labels. */
    @PatchMapping(
            path = "/tasks/{t}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Requires(Permission.WRITE)
    CommandAccepted patch(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode body) {
        Long expectedVersion = IfMatch.version(ifMatch);
        MergePatch patch = MergePatch.of(body, PATCHABLE);
        var title = patch.text("title", 1, 200, false);
        var description = patch.text("description", 0, 20_000, true);
        var priority = patch.parsed(
                "priority", TaskPriority::fromWireName, true, "must be one of none, low, medium, high, urgent");
        var dueDate = patch.parsed("dueDate", LocalDate::parse, true, "must be a date such as 2026-12-31");
        var labels = patch.texts("labels", 20, 50);
        patch.orThrow();
        return commands.send(
                new ChangeTaskDetailsCommand(
                        t, ws, title, description, priority, dueDate, labels, expectedVersion, user.id()),
                t);
    }

    @PostMapping("/tasks/{t}/assignee")
    @Requires(Permission.WRITE)
    CommandAccepted assign(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AssignTaskRequest request) {
        Long expectedVersion = IfMatch.version(ifMatch);
        Validation.of()
                .parsesIfPresent("/assigneeId", request.assigneeId(), UserId::parse, "must be a user id or null")
                .orThrow();
        UserId assignee = request.assigneeId() == null ? null : UserId.parse(request.assigneeId());
        return commands.send(new AssignTaskCommand(t, ws, assignee, expectedVersion, user.id()), t);
    }

    /** The caller starts watching; viewers may watch too. */
    @PostMapping("/tasks/{t}/watchers")
    CommandAccepted watch(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(new WatchTaskCommand(t, ws, true, IfMatch.version(ifMatch), user.id()), t);
    }

    @DeleteMapping("/tasks/{t}/watchers")
    CommandAccepted unwatch(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(new WatchTaskCommand(t, ws, false, IfMatch.version(ifMatch), user.id()), t);
    }

    @PostMapping("/tasks/{t}/move")
    @Requires(Permission.WRITE)
    CommandAccepted move(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody MoveTaskRequest request) {
        Long expectedVersion = IfMatch.version(ifMatch);
        Validation.of()
                .parses("/projectId", request.projectId(), ProjectId::parse, "must be a project id")
                .orThrow();
        return commands.send(
                new MoveTaskCommand(t, ws, ProjectId.parse(request.projectId()), expectedVersion, user.id()), t);
    }

    @PostMapping("/tasks/{t}/status")
    @Requires(Permission.WRITE)
    CommandAccepted status(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody ChangeStatusRequest request) {
        Long expectedVersion = IfMatch.version(ifMatch);
        Validation.of()
                .parses("/status", request.status(), TaskStatus::fromWireName, STATUSES)
                .orThrow();
        return commands.send(
                new ChangeTaskStatusCommand(
                        t, ws, TaskStatus.fromWireName(request.status()), expectedVersion, user.id()),
                t);
    }

    /** Places the card between {@code after} (the card above) and {@code before} (the card below). */
    @PostMapping("/tasks/{t}/rank")
    @Requires(Permission.WRITE)
    CommandAccepted rank(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody RankTaskRequest request) {
        Long expectedVersion = IfMatch.version(ifMatch);
        Validation.of()
                .parsesIfPresent("/before", request.before(), TaskId::parse, "must be a task id or null")
                .parsesIfPresent("/after", request.after(), TaskId::parse, "must be a task id or null")
                .check(request.before() != null || request.after() != null, "/before", "give before, after or both")
                .orThrow();
        TaskId before = request.before() == null ? null : TaskId.parse(request.before());
        TaskId after = request.after() == null ? null : TaskId.parse(request.after());
        return commands.send(new RankTaskCommand(t, ws, after, before, expectedVersion, user.id()), t);
    }

    @DeleteMapping("/tasks/{t}")
    @Requires(Permission.WRITE)
    CommandAccepted delete(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(new DeleteTaskCommand(t, ws, IfMatch.version(ifMatch), user.id()), t);
    }

    private static Instant instant(String parameter, String value) {
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalidQuery(parameter, "must be an ISO-8601 instant, e.g. 2026-11-28T16:00:00Z");
        }
    }
}
