package dev.taskmesh.query.notification;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.comment.CommentPostedEvent;
import dev.taskmesh.api.notification.DueReminderSentEvent;
import dev.taskmesh.api.notification.NotificationKind;
import dev.taskmesh.api.task.AttachmentRejectedEvent;
import dev.taskmesh.api.task.TaskAssignedEvent;
import dev.taskmesh.api.task.TaskDueDateChangedEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatusChangedEvent;
import dev.taskmesh.api.workspace.MemberAddedEvent;
import dev.taskmesh.api.workspace.MemberRemovedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is notified of an event, and why. Pure: what it needs to know of the world at the moment of the event comes
 * through {@link Facts}. The actor is never notified of their own action, and nobody outside the workspace at that
 * moment is notified of anything in it (the removal notice goes to the one just removed).
 */
final class NotificationRules {

    /** The longest excerpt of a comment kept in a notification. */
    static final int EXCERPT_LENGTH = 140;

    private NotificationRules() {}

    /** What the rules ask about the moment of the event. */
    interface Facts {

        Set<UserId> members(WorkspaceId workspaceId);

        Set<UserId> watchers(TaskId taskId);
    }

    record Recipient(UserId userId, NotificationKind kind, String excerpt) {}

    static List<Recipient> recipients(Object event, Facts facts) {
        return switch (event) {
            case TaskAssignedEvent assigned ->
                only(
                        facts,
                        assigned.workspaceId(),
                        assigned.assignedBy(),
                        assigned.assigneeId(),
                        NotificationKind.ASSIGNED,
                        null);
            case CommentPostedEvent posted -> commented(posted, facts);
            case TaskStatusChangedEvent changed ->
                watchers(
                        facts,
                        changed.workspaceId(),
                        changed.taskId(),
                        changed.changedBy(),
                        NotificationKind.STATUS_CHANGED,
                        changed.from().wireName() + " → " + changed.to().wireName());
            case TaskDueDateChangedEvent changed ->
                watchers(
                        facts,
                        changed.workspaceId(),
                        changed.taskId(),
                        changed.changedBy(),
                        NotificationKind.DUE_DATE_CHANGED,
                        changed.dueDate() == null ? "no due date" : "due " + changed.dueDate());
            case DueReminderSentEvent due ->
                only(facts, due.workspaceId(), null, due.userId(), NotificationKind.DUE_SOON, "due " + due.dueDate());
            case AttachmentRejectedEvent rejected ->
                only(
                        facts,
                        rejected.workspaceId(),
                        null,
                        rejected.uploadedBy(),
                        NotificationKind.ATTACHMENT_REJECTED,
                        excerpt(rejected.fileName() + ": " + rejected.reason()));
            case MemberAddedEvent added ->
                only(facts, added.workspaceId(), added.addedBy(), added.userId(), NotificationKind.MEMBER_ADDED, null);
            case MemberRemovedEvent removed ->
                removed.userId().equals(removed.removedBy())
                        ? List.of() // leaving is their own action
                        : List.of(new Recipient(removed.userId(), NotificationKind.MEMBER_REMOVED, null));
            default -> List.of();
        };
    }

    /** Those mentioned hear of the mention; the other watchers, of a comment. */
    private static List<Recipient> commented(CommentPostedEvent posted, Facts facts) {
        Set<UserId> members = facts.members(posted.workspaceId());
        String excerpt = excerpt(posted.body());
        List<Recipient> recipients = new ArrayList<>();
        Set<UserId> told = new LinkedHashSet<>();
        told.add(posted.authorId());
        for (UserId mentioned : posted.mentions()) {
            if (members.contains(mentioned) && told.add(mentioned)) {
                recipients.add(new Recipient(mentioned, NotificationKind.MENTIONED, excerpt));
            }
        }
        for (UserId watcher : facts.watchers(posted.taskId())) {
            if (members.contains(watcher) && told.add(watcher)) {
                recipients.add(new Recipient(watcher, NotificationKind.COMMENTED, excerpt));
            }
        }
        return recipients;
    }

    private static List<Recipient> watchers(
            Facts facts, WorkspaceId workspaceId, TaskId taskId, UserId actor, NotificationKind kind, String excerpt) {
        Set<UserId> members = facts.members(workspaceId);
        return facts.watchers(taskId).stream()
                .filter(watcher -> !watcher.equals(actor) && members.contains(watcher))
                .map(watcher -> new Recipient(watcher, kind, excerpt))
                .toList();
    }

    private static List<Recipient> only(
            Facts facts,
            WorkspaceId workspaceId,
            UserId actor,
            UserId recipient,
            NotificationKind kind,
            String excerpt) {
        if (recipient == null
                || recipient.equals(actor)
                || !facts.members(workspaceId).contains(recipient)) {
            return List.of();
        }
        return List.of(new Recipient(recipient, kind, excerpt));
    }

    /** The text on one line, cut to {@link #EXCERPT_LENGTH} characters (code points) with an ellipsis. */
    static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= EXCERPT_LENGTH) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, EXCERPT_LENGTH - 1)) + "…";
    }
}
