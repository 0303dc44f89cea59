package dev.taskmesh.query.notification;

import dev.taskmesh.api.account.UserDisplayNameChangedEvent;
import dev.taskmesh.api.account.UserEmailVerifiedEvent;
import dev.taskmesh.api.account.UserErasedEvent;
import dev.taskmesh.api.account.UserEvent;
import dev.taskmesh.api.account.UserHandleChangedEvent;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.account.UserPasswordChangedEvent;
import dev.taskmesh.api.account.UserRegisteredEvent;
import dev.taskmesh.api.account.UserTimeZoneChangedEvent;
import dev.taskmesh.api.comment.CommentEvent;
import dev.taskmesh.api.comment.CommentPostedEvent;
import dev.taskmesh.api.notification.AllNotificationsReadEvent;
import dev.taskmesh.api.notification.DueReminderSentEvent;
import dev.taskmesh.api.notification.InboxEvent;
import dev.taskmesh.api.notification.InboxPush;
import dev.taskmesh.api.notification.NotificationChannels;
import dev.taskmesh.api.notification.NotificationPreferencesChangedEvent;
import dev.taskmesh.api.notification.NotificationReadEvent;
import dev.taskmesh.api.notification.NotificationView;
import dev.taskmesh.api.project.ProjectCreatedEvent;
import dev.taskmesh.api.project.ProjectEvent;
import dev.taskmesh.api.project.ProjectRenamedEvent;
import dev.taskmesh.api.task.TaskAssignedEvent;
import dev.taskmesh.api.task.TaskCreatedEvent;
import dev.taskmesh.api.task.TaskDeletedEvent;
import dev.taskmesh.api.task.TaskDueDateChangedEvent;
import dev.taskmesh.api.task.TaskEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskMovedEvent;
import dev.taskmesh.api.task.TaskRenamedEvent;
import dev.taskmesh.api.task.TaskStatusChangedEvent;
import dev.taskmesh.api.task.TaskUnassignedEvent;
import dev.taskmesh.api.task.TaskWatchStartedEvent;
import dev.taskmesh.api.task.TaskWatchStoppedEvent;
import dev.taskmesh.api.wire.MessageOrigin;
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
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.api.workspace.WorkspaceUnarchivedEvent;
import dev.taskmesh.query.config.WorkspaceRows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns events into notifications, on a tracking processor of its own ({@code notifications}) so nothing it does
 * slows commands or other projections. It keeps its own copy of what the rules need (members, tasks, watchers,
 * names), updated in event order, so a rebuild decides exactly as the first run did. Each notification's id is
 * derived from the event and the recipient: a replay or a retried batch inserts nothing twice. New rows and read
 * marks are pushed on the owner's user stream, but never during a replay.
 */
@Component
@ProcessingGroup(NotificationProjection.PROCESSING_GROUP)
class NotificationProjection {

    static final String PROCESSING_GROUP = "notifications";
    /** How notifications name an erased person: what their stored name reads as, too (PersonalData). */
    static final String ERASED_NAME = "Deleted user";

    private static final String BATCH = NotificationProjection.class.getName() + ".batch";

    private final JdbcClient jdbc;
    private final StoredPreferences preferences;
    private final Clock clock;
    private final ObjectProvider<InboxPush> push;
    private final ObjectProvider<NotificationChannels> channels;
    private final ReminderPlanner reminderPlanner;
    private final MeterRegistry meters;
    private final Timer delivery;

    NotificationProjection(
            JdbcClient jdbc,
            StoredPreferences preferences,
            Clock clock,
            ObjectProvider<InboxPush> push,
            ObjectProvider<NotificationChannels> channels,
            ReminderPlanner reminderPlanner,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.clock = clock;
        this.push = push;
        this.channels = channels;
        this.reminderPlanner = reminderPlanner;
        this.meters = meters;
        this.delivery = Timer.builder("taskmesh.notifications.delivery")
                .description("From an event until its notifications are in the inbox or delivered by a channel")
                .tag("channel", "in-app")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /**
     * A replay is a rebuild: the rules must see the world as it was at each event, not as it is now, so every table
     * starts empty. Notifications come back with the same ids, and read marks with them (they are Inbox events).
     */
    @ResetHandler
    void reset() {
        jdbc.sql("""
                        TRUNCATE notify_user, notify_workspace, notify_member, notify_project, notify_task,
                                 notify_watcher, notify_preference, notification
                        """).update();
    }

    @EventHandler
    void on(UserEvent event) {
        switch (event) {
            case UserRegisteredEvent registered ->
                jdbc.sql("""
                                INSERT INTO notify_user (user_id, display_name) VALUES (:userId, :name)
                                ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name
                                """)
                        .param("userId", registered.userId().value())
                        .param("name", registered.displayName())
                        .update();
            // notifications name who did what by the name they go by now
            case UserDisplayNameChangedEvent renamed -> rename(renamed.userId(), renamed.displayName());
            case UserHandleChangedEvent changed -> {}
            case UserTimeZoneChangedEvent changed -> {}
            case UserPasswordChangedEvent changed -> {}
            case UserEmailVerifiedEvent verified -> {}
            // others' notifications name them as what they now are; their own go with them
            case UserErasedEvent erased -> {
                rename(erased.userId(), ERASED_NAME);
                jdbc.sql("UPDATE notification SET actor_name = :name WHERE actor_id = :userId")
                        .param("userId", erased.userId().value())
                        .param("name", ERASED_NAME)
                        .update();
                jdbc.sql("DELETE FROM notification WHERE user_id = :userId")
                        .param("userId", erased.userId().value())
                        .update();
                push.ifAvailable(inboxPush -> inboxPush.erased(erased.userId(), ERASED_NAME));
            }
        }
    }

    /** The name new notifications give the user from now on, this batch's included. */
    private void rename(UserId user, String name) {
        jdbc.sql("UPDATE notify_user SET display_name = :name WHERE user_id = :userId")
                .param("userId", user.value())
                .param("name", name)
                .update();
        batch().renamed(user.value());
    }

    @EventHandler
    void on(WorkspaceEvent event, EventMessage<?> message, ReplayStatus replay) {
        switch (event) {
            case WorkspaceCreatedEvent created -> {
                jdbc.sql("""
                                INSERT INTO notify_workspace (workspace_id, name) VALUES (:workspaceId, :name)
                                ON CONFLICT (workspace_id) DO NOTHING
                                """)
                        .param("workspaceId", created.workspaceId().value())
                        .param("name", created.name())
                        .update();
                join(created.workspaceId(), created.ownerId());
            }
            case MemberAddedEvent added -> {
                join(added.workspaceId(), added.userId());
                notify(event, added.workspaceId(), null, message, replay);
            }
            // the member learns it on its own stream; nobody is notified
            case MemberRoleChangedEvent changed -> {}
            // invitations reach people by email; their acceptance notifies through MemberAdded
            case MemberInvitedEvent invited -> {}
            case InvitationAcceptedEvent accepted -> {}
            case InvitationDeclinedEvent declined -> {}
            case InvitationRevokedEvent revoked -> {}
            // every member sees it on the workspace's stream and in its feed
            case WorkspaceArchivedEvent archived -> {}
            case WorkspaceUnarchivedEvent unarchived -> {}
            // the inbox lists the workspaces one is a member of now: the membership table ends them at once
            case WorkspaceDeletedEvent deleted -> {}
            case WorkspacePurgedEvent purged -> {
                jdbc.sql("""
                                DELETE FROM notify_watcher
                                 WHERE task_id IN (SELECT task_id FROM notify_task WHERE workspace_id = :workspaceId)
                                """).param("workspaceId", purged.workspaceId().value()).update();
                WorkspaceRows.delete(
                        jdbc,
                        purged.workspaceId(),
                        "notification",
                        "notify_task",
                        "notify_project",
                        "notify_member",
                        "notify_workspace");
            }
            case MemberRemovedEvent removed -> {
                notify(event, removed.workspaceId(), null, message, replay);
                batch().membershipChanged(removed.workspaceId(), removed.userId(), false);
                jdbc.sql("DELETE FROM notify_member WHERE workspace_id = :workspaceId AND user_id = :userId")
                        .param("workspaceId", removed.workspaceId().value())
                        .param("userId", removed.userId().value())
                        .update();
            }
        }
    }

    @EventHandler
    void on(ProjectEvent event) {
        if (event instanceof ProjectCreatedEvent created) {
            jdbc.sql("""
                            INSERT INTO notify_project (project_id, workspace_id, name)
                            VALUES (:projectId, :workspaceId, :name) ON CONFLICT (project_id) DO NOTHING
                            """)
                    .param("projectId", created.projectId().value())
                    .param("workspaceId", created.workspaceId().value())
                    .param("name", created.name())
                    .update();
        } else if (event instanceof ProjectRenamedEvent renamed) {
            jdbc.sql("UPDATE notify_project SET name = :name WHERE project_id = :projectId")
                    .param("projectId", renamed.projectId().value())
                    .param("name", renamed.name())
                    .update();
        }
    }

    @EventHandler
    void on(TaskEvent event, EventMessage<?> message, ReplayStatus replay) {
        switch (event) {
            case TaskCreatedEvent created -> {
                jdbc.sql("""
                                INSERT INTO notify_task (task_id, workspace_id, project_id, title, status)
                                VALUES (:taskId, :workspaceId, :projectId, :title, :status)
                                ON CONFLICT (task_id) DO NOTHING
                                """)
                        .param("taskId", created.taskId().value())
                        .param("workspaceId", created.workspaceId().value())
                        .param("projectId", created.projectId().value())
                        .param("title", created.title())
                        .param("status", created.status().wireName())
                        .update();
                watch(created.taskId(), created.createdBy()); // the creator watches, with no event of its own
            }
            case TaskRenamedEvent renamed -> updateTask(renamed.taskId(), "title", renamed.title());
            case TaskMovedEvent moved ->
                updateTask(moved.taskId(), "project_id", moved.toProjectId().value());
            case TaskAssignedEvent assigned -> {
                updateTask(
                        assigned.taskId(), "assignee_id", assigned.assigneeId().value());
                notify(event, assigned.workspaceId(), assigned.taskId(), message, replay);
                planReminder(assigned.taskId(), replay);
            }
            case TaskUnassignedEvent unassigned -> {
                updateTask(unassigned.taskId(), "assignee_id", null);
                planReminder(unassigned.taskId(), replay);
            }
            case TaskStatusChangedEvent changed -> {
                updateTask(changed.taskId(), "status", changed.to().wireName());
                notify(event, changed.workspaceId(), changed.taskId(), message, replay);
                planReminder(changed.taskId(), replay);
            }
            case TaskDueDateChangedEvent changed -> {
                updateTask(changed.taskId(), "due_date", changed.dueDate());
                notify(event, changed.workspaceId(), changed.taskId(), message, replay);
                planReminder(changed.taskId(), replay);
            }
            case TaskWatchStartedEvent started -> watch(started.taskId(), started.userId());
            case TaskWatchStoppedEvent stopped ->
                jdbc.sql("DELETE FROM notify_watcher WHERE task_id = :taskId AND user_id = :userId")
                        .param("taskId", stopped.taskId().value())
                        .param("userId", stopped.userId().value())
                        .update();
            case TaskDeletedEvent deleted -> {
                updateTask(deleted.taskId(), "status", "deleted");
                planReminder(deleted.taskId(), replay);
                jdbc.sql("DELETE FROM notify_watcher WHERE task_id = :taskId")
                        .param("taskId", deleted.taskId().value())
                        .update();
                jdbc.sql("DELETE FROM notify_task WHERE task_id = :taskId")
                        .param("taskId", deleted.taskId().value())
                        .update();
            }
            default -> notify(event, event.workspaceId(), event.taskId(), message, replay);
        }
    }

    @EventHandler
    void on(CommentEvent event, EventMessage<?> message, ReplayStatus replay) {
        if (event instanceof CommentPostedEvent posted) {
            notify(event, posted.workspaceId(), posted.taskId(), message, replay);
        }
    }

    @EventHandler
    void on(InboxEvent event, EventMessage<?> message, ReplayStatus replay) {
        UUID owner = event.userId().value();
        int changed = switch (event) {
            case NotificationReadEvent read ->
                jdbc.sql("UPDATE notification SET read = TRUE WHERE id = :id AND user_id = :owner AND NOT read")
                        .param("id", read.notificationId())
                        .param("owner", owner)
                        .update();
            case AllNotificationsReadEvent all ->
                jdbc.sql("UPDATE notification SET read = TRUE WHERE user_id = :owner AND NOT read")
                        .param("owner", owner)
                        .update();
            case NotificationPreferencesChangedEvent changedPreferences -> {
                preferences.save(event.userId(), changedPreferences.preferences());
                // due dates are days in the owner's time zone: their reminders move with it
                jdbc.sql("SELECT task_id FROM notify_task WHERE assignee_id = :owner AND due_date IS NOT NULL")
                        .param("owner", owner)
                        .query(UUID.class)
                        .list()
                        .forEach(task -> planReminder(new TaskId(task), replay));
                yield 0;
            }
            case DueReminderSentEvent due -> {
                notify(event, due.workspaceId(), due.taskId(), message, replay);
                yield 0;
            }
        };
        if (changed > 0 && !replay.isReplay()) {
            batch().countChanged(event.userId());
        }
    }

    private void planReminder(TaskId taskId, ReplayStatus replay) {
        if (!replay.isReplay()) {
            reminderPlanner.plan(taskId);
        }
    }

    private void join(WorkspaceId workspaceId, UserId userId) {
        batch().membershipChanged(workspaceId, userId, true);
        jdbc.sql("""
                        INSERT INTO notify_member (workspace_id, user_id) VALUES (:workspaceId, :userId)
                        ON CONFLICT DO NOTHING
                        """)
                .param("workspaceId", workspaceId.value())
                .param("userId", userId.value())
                .update();
    }

    private void watch(TaskId taskId, UserId userId) {
        jdbc.sql("INSERT INTO notify_watcher (task_id, user_id) VALUES (:taskId, :userId) ON CONFLICT DO NOTHING")
                .param("taskId", taskId.value())
                .param("userId", userId.value())
                .update();
    }

    private void updateTask(TaskId taskId, String column, Object value) {
        jdbc.sql("UPDATE notify_task SET " + column + " = :value WHERE task_id = :taskId")
                .param("taskId", taskId.value())
                .param("value", value)
                .update();
    }

    /** Applies the rules to one event and stores a notification per recipient. */
    private void notify(
            Object event, WorkspaceId workspaceId, TaskId taskId, EventMessage<?> message, ReplayStatus replay) {
        InboxBatch batch = batch();
        List<NotificationRules.Recipient> recipients = NotificationRules.recipients(event, batch);
        if (recipients.isEmpty()) {
            return;
        }
        Context context = context(batch, workspaceId, taskId, actorOf(message));
        for (NotificationRules.Recipient recipient : recipients) {
            UUID id = UUID.nameUUIDFromBytes(
                    (message.getIdentifier() + "/" + recipient.userId().value()).getBytes(StandardCharsets.UTF_8));
            NotificationView view = new NotificationView(
                    id,
                    recipient.kind(),
                    workspaceId,
                    context.workspaceName(),
                    context.actor(),
                    context.task(),
                    context.project(),
                    recipient.excerpt(),
                    message.getTimestamp(),
                    false);
            if (store(recipient.userId(), message.getIdentifier(), view) && !replay.isReplay()) {
                Counter.builder("taskmesh.notifications.created")
                        .description("Notifications stored in inboxes")
                        .tag("kind", recipient.kind().wireName())
                        .register(meters)
                        .increment();
                delivery.record(Duration.between(message.getTimestamp(), clock.instant()));
                batch.created(recipient.userId(), view);
            }
        }
    }

    /** This batch's lookups and pending pushes; handed on just before the batch commits. */
    private InboxBatch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            InboxBatch batch = new InboxBatch(jdbc);
            unitOfWork.onPrepareCommit(u -> handOn(batch));
            return batch;
        });
    }

    /** Pushes each new notification and count with the owner's unread count at the end of the batch, and queues
     * the external deliveries. */
    private void handOn(InboxBatch batch) {
        for (UserId owner : batch.owners()) {
            long unread = unread(owner.value());
            List<NotificationView> created = batch.created().getOrDefault(owner, List.of());
            push.ifAvailable(inboxPush -> {
                if (created.isEmpty()) {
                    inboxPush.unreadCount(owner, unread);
                } else {
                    created.forEach(view -> inboxPush.created(owner, view, unread));
                }
            });
        }
        if (!batch.created().isEmpty()) {
            channels.ifAvailable(external -> external.created(batch.created()));
        }
    }

    private boolean store(UserId owner, String eventId, NotificationView view) {
        return jdbc.sql("""
                        INSERT INTO notification (id, user_id, workspace_id, workspace_name, event_id, kind, actor_id,
                                                  actor_name, task_id, task_title, project_id, project_name, excerpt,
                                                  created_at)
                        VALUES (:id, :owner, :workspaceId, :workspaceName, :eventId, :kind, :actorId, :actorName,
                                :taskId, :taskTitle, :projectId, :projectName, :excerpt, :createdAt)
                        ON CONFLICT (id) DO NOTHING
                        """)
                        .param("id", view.id())
                        .param("owner", owner.value())
                        .param("workspaceId", view.workspaceId().value())
                        .param("workspaceName", view.workspaceName())
                        .param("eventId", eventId)
                        .param("kind", view.kind().wireName())
                        .param(
                                "actorId",
                                view.actor() == null
                                        ? null
                                        : UUID.fromString(view.actor().id()))
                        .param(
                                "actorName",
                                view.actor() == null ? null : view.actor().name())
                        .param(
                                "taskId",
                                view.task() == null
                                        ? null
                                        : UUID.fromString(view.task().id()))
                        .param(
                                "taskTitle",
                                view.task() == null ? null : view.task().name())
                        .param(
                                "projectId",
                                view.project() == null
                                        ? null
                                        : UUID.fromString(view.project().id()))
                        .param(
                                "projectName",
                                view.project() == null ? null : view.project().name())
                        .param("excerpt", view.excerpt())
                        .param("createdAt", Timestamp.from(view.createdAt()))
                        .update()
                == 1;
    }

    /** Unread notifications the owner can see: those of workspaces they are in, and their removal notices. */
    private long unread(UUID owner) {
        return jdbc.sql("""
                        SELECT count(*) FROM notification n
                        WHERE n.user_id = :owner AND NOT n.read
                          AND (n.kind = 'member-removed' OR EXISTS (
                              SELECT 1 FROM notify_member m WHERE m.workspace_id = n.workspace_id AND m.user_id = :owner))
                        """).param("owner", owner).query(Long.class).single();
    }

    /** The names a notification shows, as they are at the moment of the event. */
    private record Context(
            String workspaceName,
            NotificationView.Party actor,
            NotificationView.Party task,
            NotificationView.Party project) {}

    private Context context(InboxBatch batch, WorkspaceId workspaceId, TaskId taskId, UUID actorId) {
        String workspaceName = batch.workspaceName(workspaceId);
        NotificationView.Party actor =
                actorId == null ? null : new NotificationView.Party(actorId.toString(), batch.userName(actorId));
        if (taskId == null) {
            return new Context(workspaceName, actor, null, null);
        }
        return jdbc.sql("""
                        SELECT t.title, t.project_id, p.name FROM notify_task t
                        LEFT JOIN notify_project p ON p.project_id = t.project_id WHERE t.task_id = :taskId
                        """)
                .param("taskId", taskId.value())
                .query((rs, row) -> new Context(
                        workspaceName,
                        actor,
                        new NotificationView.Party(taskId.value().toString(), rs.getString(1)),
                        new NotificationView.Party(rs.getString(2), rs.getString(3))))
                .optional()
                .orElse(new Context(workspaceName, actor, null, null));
    }

    private static UUID actorOf(EventMessage<?> message) {
        Object actor = message.getMetaData().get(MessageOrigin.ACTOR);
        return actor == null ? null : UUID.fromString(actor.toString());
    }
}
