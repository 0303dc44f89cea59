package dev.taskmesh.server.task;

import dev.taskmesh.api.comment.CommentId;
import dev.taskmesh.api.comment.CommentList;
import dev.taskmesh.api.comment.CommentRequest;
import dev.taskmesh.api.comment.CommentView;
import dev.taskmesh.api.comment.DeleteCommentCommand;
import dev.taskmesh.api.comment.EditCommentCommand;
import dev.taskmesh.api.comment.FindCommentQuery;
import dev.taskmesh.api.comment.FindCommentsQuery;
import dev.taskmesh.api.comment.PostCommentCommand;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.wire.Page;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.config.CommandSender;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.web.IfMatch;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.Requires;
import dev.taskmesh.server.web.Validation;
import java.net.URI;
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

/** Comments on a task. Members post; authors edit; authors, admins and owners delete. */
@RestController
@RequestMapping("/api/workspaces/{ws}/tasks/{t}/comments")
class CommentController {

    /** The processing group that builds comment_view; reads wait on it for {@code minPosition}. */
    private static final String READ_MODEL = "comment-views";

    private final CommandSender commands;
    private final QueryGateway queries;
    private final TaskPresence task;

    CommentController(CommandSender commands, QueryGateway queries, TaskPresence task) {
        this.commands = commands;
        this.queries = queries;
        this.task = task;
    }

    @PostMapping
    @Requires(Permission.WRITE)
    ResponseEntity<CommandAccepted> post(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestBody CommentRequest request) {
        validate(request);
        CommentId commentId = CommentId.random();
        CommandAccepted accepted =
                commands.send(new PostCommentCommand(commentId, t, ws, request.body(), user.id()), commentId);
        return ResponseEntity.created(URI.create("/api/workspaces/" + ws + "/tasks/" + t + "/comments/" + commentId))
                .body(accepted);
    }

    @GetMapping
    Page<CommentView> list(
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long minPosition) {
        PageRequest page = PageRequest.of(cursor, limit);
        task.require(ws, t, READ_MODEL, minPosition);
        CommentList list = queries.query(new FindCommentsQuery(ws, t, page.after(), page.limit()), CommentList.class)
                .join();
        return new Page<>(list.items(), PageRequest.cursor(list.nextAfter()));
    }

    @GetMapping("/{c}")
    ResponseEntity<CommentView> one(
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @PathVariable CommentId c,
            @RequestParam(required = false) Long minPosition) {
        task.require(ws, t, READ_MODEL, minPosition);
        CommentView comment = queries.query(
                        new FindCommentQuery(ws, t, c), ResponseTypes.optionalInstanceOf(CommentView.class))
                .join()
                .orElseThrow(() -> ProblemException.notFound("No such comment."));
        return ResponseEntity.ok().eTag(Long.toString(comment.version())).body(comment);
    }

    @PatchMapping("/{c}")
    @Requires(Permission.WRITE)
    CommandAccepted edit(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @PathVariable CommentId c,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody CommentRequest request) {
        Long expectedVersion = IfMatch.version(ifMatch);
        validate(request);
        return commands.send(new EditCommentCommand(c, t, ws, request.body(), expectedVersion, user.id()), c);
    }

    /** Authors delete their own comments, admins and owners anyone's: the command side decides which. */
    @DeleteMapping("/{c}")
    CommandAccepted delete(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable TaskId t,
            @PathVariable CommentId c,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(new DeleteCommentCommand(c, t, ws, IfMatch.version(ifMatch), user.id()), c);
    }

    private static void validate(CommentRequest request) {
        Validation.of().text("/body", request.body(), 1, 10_000).orThrow();
    }
}
