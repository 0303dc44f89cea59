package dev.taskmesh.realtime.stream;

import dev.taskmesh.api.account.UserEvent;
import dev.taskmesh.api.comment.CommentEvent;
import dev.taskmesh.api.project.ProjectEvent;
import dev.taskmesh.api.task.TaskEvent;
import dev.taskmesh.api.workspace.InvitationAcceptedEvent;
import dev.taskmesh.api.workspace.InvitationDeclinedEvent;
import dev.taskmesh.api.workspace.InvitationRevokedEvent;
import dev.taskmesh.api.workspace.MemberAddedEvent;
import dev.taskmesh.api.workspace.MemberInvitedEvent;
import dev.taskmesh.api.workspace.MemberRemovedEvent;
import dev.taskmesh.api.workspace.MemberRoleChangedEvent;
import dev.taskmesh.api.workspace.WorkspaceArchivedEvent;
import dev.taskmesh.api.workspace.WorkspaceCreatedEvent;
import dev.taskmesh.api.workspace.WorkspaceDeletedEvent;
import dev.taskmesh.api.workspace.WorkspaceEvent;
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.api.workspace.WorkspaceUnarchivedEvent;
import java.util.List;
import java.util.UUID;

/**
 * Which streams an event belongs to. Every member sees every project, so the workspace stream carries all of a
 * workspace's events; a task stream carries the task's own events and its comments; a user stream carries what
 * concerns that user alone (joining a workspace, later notifications).
 */
public final class StreamRouting {

    private StreamRouting() {}

    /** The event's workspace (null for events outside any) and its streams, workspace stream first. */
    public record Route(UUID workspaceId, List<StreamName> streams) {

        static final Route NONE = new Route(null, List.of());
    }

    public static Route of(Object event) {
        return switch (event) {
            case TaskEvent task ->
                inWorkspace(
                        task.workspaceId().value(),
                        StreamName.task(task.taskId().value()));
            case CommentEvent comment ->
                inWorkspace(
                        comment.workspaceId().value(),
                        StreamName.task(comment.taskId().value()));
            case ProjectEvent project -> inWorkspace(project.workspaceId().value());
            case WorkspaceEvent workspace -> ofWorkspace(workspace);
            case UserEvent user ->
                new Route(null, List.of(StreamName.user(user.userId().value())));
            default -> Route.NONE;
        };
    }

    private static Route ofWorkspace(WorkspaceEvent event) {
        UUID workspaceId = event.workspaceId().value();
        return switch (event) {
            case WorkspaceCreatedEvent created ->
                inWorkspace(workspaceId, StreamName.user(created.ownerId().value()));
            case MemberAddedEvent added ->
                inWorkspace(workspaceId, StreamName.user(added.userId().value()));
            // on the user's stream too: that is where every node learns to end the user's subscriptions
            case MemberRemovedEvent removed ->
                inWorkspace(workspaceId, StreamName.user(removed.userId().value()));
            case MemberRoleChangedEvent changed ->
                inWorkspace(workspaceId, StreamName.user(changed.userId().value()));
            // the invitee is no member yet: the MemberAdded that follows an acceptance reaches their stream
            case MemberInvitedEvent invited -> inWorkspace(workspaceId);
            case InvitationAcceptedEvent accepted -> inWorkspace(workspaceId);
            case InvitationDeclinedEvent declined -> inWorkspace(workspaceId);
            case InvitationRevokedEvent revoked -> inWorkspace(workspaceId);
            case WorkspaceArchivedEvent archived -> inWorkspace(workspaceId);
            case WorkspaceUnarchivedEvent unarchived -> inWorkspace(workspaceId);
            // where every node learns to end every subscription resting on the workspace (Revocations)
            case WorkspaceDeletedEvent deleted -> inWorkspace(workspaceId);
            case WorkspacePurgedEvent purged -> inWorkspace(workspaceId);
        };
    }

    private static Route inWorkspace(UUID workspaceId, StreamName... others) {
        var streams = new java.util.ArrayList<StreamName>(others.length + 1);
        streams.add(StreamName.workspace(workspaceId));
        streams.addAll(List.of(others));
        return new Route(workspaceId, List.copyOf(streams));
    }
}
