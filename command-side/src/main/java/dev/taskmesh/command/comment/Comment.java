package dev.taskmesh.command.comment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.comment.CommentDeletedEvent;
import dev.taskmesh.api.comment.CommentEditedEvent;
import dev.taskmesh.api.comment.CommentId;
import dev.taskmesh.api.comment.CommentPostedEvent;
import dev.taskmesh.api.comment.DeleteCommentCommand;
import dev.taskmesh.api.comment.EditCommentCommand;
import dev.taskmesh.api.comment.PostCommentCommand;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.wire.CommandRejectedException;
import dev.taskmesh.api.workspace.Membership;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.config.WorkspaceAccess;
import dev.taskmesh.command.task.TaskRegistry;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A comment on a task: its own aggregate, so that commenting never bumps the task's version and never makes a
 * concurrent task edit fail with 412.
 */
@Aggregate
class Comment {

    @AggregateIdentifier
    private CommentId commentId;

    private TaskId taskId;
    private WorkspaceId workspaceId;
    private UserId authorId;
    private String body;
    private boolean deleted;

    Comment() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(PostCommentCommand command, MembershipDirectory memberships, TaskRegistry tasks) {
        Membership membership = WorkspaceAccess.member(memberships, command.workspaceId(), command.requestedBy());
        if (tasks.find(command.workspaceId(), command.taskId()).isEmpty()) {
            throw CommandRejectedException.notFound("No such task.");
        }
        WorkspaceAccess.allow(membership.role(), Permission.WRITE);
        WorkspaceAccess.changeable(membership, Permission.WRITE);
        List<UserId> mentions = mentionsIn(command.body(), command.workspaceId(), memberships);
        apply(new CommentPostedEvent(
                command.commentId(),
                command.taskId(),
                command.workspaceId(),
                command.requestedBy(),
                command.body(),
                mentions));
        return getVersion();
    }

    @CommandHandler
    long handle(EditCommentCommand command, MembershipDirectory memberships, TaskRegistry tasks) {
        Membership membership =
                requireVisible(command.workspaceId(), command.taskId(), command.requestedBy(), memberships, tasks);
        WorkspaceAccess.allow(membership.role(), Permission.WRITE);
        if (!authorId.equals(command.requestedBy())) {
            throw CommandRejectedException.forbidden("Only its author edits a comment.");
        }
        WorkspaceAccess.changeable(membership, Permission.WRITE);
        CommandRejectedException.requireVersion(command.expectedVersion(), getVersion());
        if (!command.body().equals(body)) {
            apply(new CommentEditedEvent(
                    commentId,
                    taskId,
                    workspaceId,
                    command.body(),
                    mentionsIn(command.body(), workspaceId, memberships),
                    command.requestedBy()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(DeleteCommentCommand command, MembershipDirectory memberships, TaskRegistry tasks) {
        Membership membership =
                requireVisible(command.workspaceId(), command.taskId(), command.requestedBy(), memberships, tasks);
        boolean author =
                authorId.equals(command.requestedBy()) && membership.role().allows(Permission.WRITE);
        if (!author && !membership.role().allows(Permission.MANAGE)) {
            throw CommandRejectedException.forbidden("Only its author, an admin or an owner deletes a comment.");
        }
        WorkspaceAccess.changeable(membership, Permission.WRITE);
        CommandRejectedException.requireVersion(command.expectedVersion(), getVersion());
        apply(new CommentDeletedEvent(commentId, taskId, workspaceId, command.requestedBy()));
        return getVersion();
    }

    /**
     * Membership (404), then that this comment is on that task of that workspace, and that neither the comment nor
     * its task is deleted (404): a deleted task's comments go with it.
     */
    private Membership requireVisible(
            WorkspaceId workspace, TaskId task, UserId user, MembershipDirectory memberships, TaskRegistry tasks) {
        Membership membership = WorkspaceAccess.member(memberships, workspace, user);
        if (deleted
                || !workspaceId.equals(workspace)
                || !taskId.equals(task)
                || tasks.find(workspace, task).isEmpty()) {
            throw CommandRejectedException.notFound("No such comment.");
        }
        return membership;
    }

    private static List<UserId> mentionsIn(String body, WorkspaceId workspace, MembershipDirectory memberships) {
        return Mentions.resolve(body, handles -> memberships.membersByHandle(workspace, handles));
    }

    @EventSourcingHandler
    void on(CommentPostedEvent event) {
        commentId = event.commentId();
        taskId = event.taskId();
        workspaceId = event.workspaceId();
        authorId = event.authorId();
        body = event.body();
    }

    @EventSourcingHandler
    void on(CommentEditedEvent event) {
        body = event.body();
    }

    @EventSourcingHandler
    void on(CommentDeletedEvent event) {
        deleted = true;
    }
}
