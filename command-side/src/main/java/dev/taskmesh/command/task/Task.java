package dev.taskmesh.command.task;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.AddAttachmentCommand;
import dev.taskmesh.api.task.AssignTaskCommand;
import dev.taskmesh.api.task.AttachmentAddedEvent;
import dev.taskmesh.api.task.AttachmentId;
import dev.taskmesh.api.task.AttachmentRejectedEvent;
import dev.taskmesh.api.task.AttachmentRemovedEvent;
import dev.taskmesh.api.task.AttachmentScannedEvent;
import dev.taskmesh.api.task.AttachmentStatus;
import dev.taskmesh.api.task.ChangeTaskDetailsCommand;
import dev.taskmesh.api.task.ChangeTaskStatusCommand;
import dev.taskmesh.api.task.CreateTaskCommand;
import dev.taskmesh.api.task.DeleteTaskCommand;
import dev.taskmesh.api.task.MoveTaskCommand;
import dev.taskmesh.api.task.RankTaskCommand;
import dev.taskmesh.api.task.RecordAttachmentScanCommand;
import dev.taskmesh.api.task.RemoveAttachmentCommand;
import dev.taskmesh.api.task.TaskAssignedEvent;
import dev.taskmesh.api.task.TaskCreatedEvent;
import dev.taskmesh.api.task.TaskDeletedEvent;
import dev.taskmesh.api.task.TaskDescriptionChangedEvent;
import dev.taskmesh.api.task.TaskDueDateChangedEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskLabelsChangedEvent;
import dev.taskmesh.api.task.TaskMovedEvent;
import dev.taskmesh.api.task.TaskPriority;
import dev.taskmesh.api.task.TaskPriorityChangedEvent;
import dev.taskmesh.api.task.TaskRankedEvent;
import dev.taskmesh.api.task.TaskRenamedEvent;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.task.TaskStatusChangedEvent;
import dev.taskmesh.api.task.TaskUnassignedEvent;
import dev.taskmesh.api.task.TaskWatchStartedEvent;
import dev.taskmesh.api.task.TaskWatchStoppedEvent;
import dev.taskmesh.api.task.WatchTaskCommand;
import dev.taskmesh.api.wire.CommandRejectedException;
import dev.taskmesh.api.workspace.Membership;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.config.WorkspaceAccess;
import dev.taskmesh.command.project.ProjectRegistry;
import dev.taskmesh.command.project.ProjectRegistry.RegisteredProject;
import dev.taskmesh.command.task.TaskRegistry.RegisteredTask;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A task and every rule about changing it. A command that would change nothing (the same title, watching twice)
 * appends nothing, so retries are harmless; each real change is its own event, in the order of the fields.
 */
@Aggregate
class Task {

    /** Files a task holds at most, counting those still being scanned. */
    static final int MAX_ATTACHMENTS = 100;

    @AggregateIdentifier
    private TaskId taskId;

    private WorkspaceId workspaceId;
    private ProjectId projectId;
    private TaskStatus status;
    private String title;
    private String description;
    private TaskPriority priority = TaskPriority.NONE;
    private LocalDate dueDate;
    private List<String> labels = List.of();
    private UserId assignee;
    private final Set<UserId> watchers = new HashSet<>();
    /** Every file not removed, in the order added. */
    private final Map<AttachmentId, HeldFile> attachments = new LinkedHashMap<>();

    private boolean deleted;

    Task() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(
            CreateTaskCommand command, MembershipDirectory memberships, ProjectRegistry projects, TaskRegistry tasks) {
        WorkspaceAccess.require(memberships, command.workspaceId(), command.requestedBy(), Permission.WRITE);
        RegisteredProject project = projects.find(command.workspaceId(), command.projectId())
                .orElseThrow(() -> CommandRejectedException.notFound("No such project."));
        if (project.archived()) {
            throw CommandRejectedException.conflict("The project is archived and takes no new tasks.");
        }
        TaskStatus column = command.status() == null ? TaskStatus.TODO : command.status();
        String rank = BoardRank.after(
                tasks.lastRank(command.workspaceId(), command.projectId(), column)
                        .orElse(null),
                command.taskId().value());
        apply(new TaskCreatedEvent(
                command.taskId(),
                command.workspaceId(),
                command.projectId(),
                command.title(),
                command.description(),
                column,
                rank,
                command.requestedBy()));
        return getVersion();
    }

    @CommandHandler
    long handle(ChangeTaskDetailsCommand command, MembershipDirectory memberships) {
        requireWritable(command.workspaceId(), command.requestedBy(), command.expectedVersion(), memberships);
        UserId by = command.requestedBy();
        if (command.title() != null) {
            if (command.title().value() == null) {
                throw CommandRejectedException.invalid("title", "A task always has a title.");
            }
            if (!command.title().value().equals(title)) {
                apply(new TaskRenamedEvent(taskId, workspaceId, command.title().value(), by));
            }
        }
        if (command.description() != null
                && !Objects.equals(command.description().value(), description)) {
            apply(new TaskDescriptionChangedEvent(
                    taskId, workspaceId, command.description().value(), by));
        }
        if (command.priority() != null) {
            TaskPriority next = command.priority().value() == null
                    ? TaskPriority.NONE
                    : command.priority().value();
            if (next != priority) {
                apply(new TaskPriorityChangedEvent(taskId, workspaceId, next, by));
            }
        }
        if (command.dueDate() != null && !Objects.equals(command.dueDate().value(), dueDate)) {
            apply(new TaskDueDateChangedEvent(
                    taskId, workspaceId, command.dueDate().value(), by));
        }
        if (command.labels() != null) {
            List<String> next = command.labels().value() == null
                    ? List.of()
                    : command.labels().value();
            if (!next.equals(labels)) {
                apply(new TaskLabelsChangedEvent(taskId, workspaceId, next, by));
            }
        }
        return getVersion();
    }

    @CommandHandler
    long handle(AssignTaskCommand command, MembershipDirectory memberships) {
        requireWritable(command.workspaceId(), command.requestedBy(), command.expectedVersion(), memberships);
        UserId next = command.assigneeId();
        if (next == null) {
            if (assignee != null) {
                apply(new TaskUnassignedEvent(taskId, workspaceId, assignee, command.requestedBy()));
            }
            return getVersion();
        }
        if (memberships.roleOf(workspaceId, next).isEmpty()) {
            throw CommandRejectedException.invalid("assigneeId", "The assignee must be a member of this workspace.");
        }
        if (!next.equals(assignee)) {
            apply(new TaskAssignedEvent(taskId, workspaceId, next, assignee, command.requestedBy()));
            if (!watchers.contains(next)) {
                apply(new TaskWatchStartedEvent(taskId, workspaceId, next));
            }
        }
        return getVersion();
    }

    @CommandHandler
    long handle(WatchTaskCommand command, MembershipDirectory memberships) {
        // watching is about one's own notifications, so viewers may watch too
        requireAccess(
                command.workspaceId(), command.requestedBy(), command.expectedVersion(), memberships, Permission.READ);
        UserId user = command.requestedBy();
        if (command.watching() && !watchers.contains(user)) {
            apply(new TaskWatchStartedEvent(taskId, workspaceId, user));
        } else if (!command.watching() && watchers.contains(user)) {
            apply(new TaskWatchStoppedEvent(taskId, workspaceId, user));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(
            MoveTaskCommand command, MembershipDirectory memberships, ProjectRegistry projects, TaskRegistry tasks) {
        requireWritable(command.workspaceId(), command.requestedBy(), command.expectedVersion(), memberships);
        if (command.projectId().equals(projectId)) {
            return getVersion();
        }
        RegisteredProject target = projects.find(workspaceId, command.projectId())
                .orElseThrow(() -> CommandRejectedException.invalid("projectId", "No such project in this workspace."));
        if (target.archived()) {
            throw CommandRejectedException.conflict("The target project is archived and takes no new tasks.");
        }
        String rank = BoardRank.after(
                tasks.lastRank(workspaceId, target.projectId(), status).orElse(null), taskId.value());
        apply(new TaskMovedEvent(taskId, workspaceId, projectId, target.projectId(), rank, command.requestedBy()));
        return getVersion();
    }

    @CommandHandler
    long handle(ChangeTaskStatusCommand command, MembershipDirectory memberships, TaskRegistry tasks) {
        requireWritable(command.workspaceId(), command.requestedBy(), command.expectedVersion(), memberships);
        TaskStatus next = command.status();
        if (next == status) {
            return getVersion();
        }
        if (!TaskWorkflow.allows(status, next)) {
            throw CommandRejectedException.conflict(
                    "A task cannot go from " + status.wireName() + " to " + next.wireName() + ".",
                    Map.of(
                            "allowedStatuses",
                            TaskWorkflow.allowedFrom(status).stream()
                                    .map(TaskStatus::wireName)
                                    .sorted()
                                    .toList()));
        }
        String rank =
                BoardRank.after(tasks.lastRank(workspaceId, projectId, next).orElse(null), taskId.value());
        apply(new TaskStatusChangedEvent(taskId, workspaceId, status, next, rank, command.requestedBy()));
        return getVersion();
    }

    @CommandHandler
    long handle(RankTaskCommand command, MembershipDirectory memberships, TaskRegistry tasks) {
        requireWritable(command.workspaceId(), command.requestedBy(), command.expectedVersion(), memberships);
        if (command.after() == null && command.before() == null) {
            throw CommandRejectedException.invalid("before", "Name the card to go before, after, or both.");
        }
        String lower = neighbourRank(command.after(), "after", tasks);
        String upper = neighbourRank(command.before(), "before", tasks);
        // one neighbour named: the card on its other side bounds the new rank too, or it would land on that card's
        if (upper == null) {
            upper = tasks.neighbourRank(workspaceId, projectId, status, lower, false, taskId)
                    .orElse(null);
        } else if (lower == null) {
            lower = tasks.neighbourRank(workspaceId, projectId, status, upper, true, taskId)
                    .orElse(null);
        }
        if (lower != null && upper != null && lower.compareTo(upper) >= 0) {
            throw CommandRejectedException.conflict("The two cards are not next to each other in that order.");
        }
        apply(new TaskRankedEvent(taskId, workspaceId, BoardRank.between(lower, upper), command.requestedBy()));
        return getVersion();
    }

    @CommandHandler
    long handle(DeleteTaskCommand command, MembershipDirectory memberships) {
        requireWritable(command.workspaceId(), command.requestedBy(), command.expectedVersion(), memberships);
        // each file goes explicitly, so storage is cleaned by the same event as a single removal
        for (AttachmentId attachment : List.copyOf(attachments.keySet())) {
            apply(new AttachmentRemovedEvent(taskId, workspaceId, attachment, command.requestedBy()));
        }
        apply(new TaskDeletedEvent(taskId, workspaceId, command.requestedBy()));
        return getVersion();
    }

    /** A retried upload that reuses its attachment id adds nothing twice. */
    @CommandHandler
    long handle(AddAttachmentCommand command, MembershipDirectory memberships) {
        requireWritable(command.workspaceId(), command.requestedBy(), null, memberships);
        if (attachments.containsKey(command.attachmentId())) {
            return getVersion();
        }
        long held = attachments.values().stream()
                .filter(file -> file.status() != AttachmentStatus.REJECTED)
                .count();
        if (held >= MAX_ATTACHMENTS) {
            throw CommandRejectedException.conflict(
                    "A task holds at most " + MAX_ATTACHMENTS + " files; remove one first.");
        }
        apply(new AttachmentAddedEvent(
                taskId,
                workspaceId,
                command.attachmentId(),
                command.fileName(),
                command.contentType(),
                command.size(),
                command.sha256(),
                command.requestedBy()));
        return getVersion();
    }

    /** The server's own verdict: no membership to check, and only a file still waiting takes it. */
    @CommandHandler
    long handle(RecordAttachmentScanCommand command) {
        if (!workspaceId.equals(command.workspaceId())) {
            throw CommandRejectedException.notFound("No such task.");
        }
        AttachmentId attachment = command.attachmentId();
        HeldFile file = attachments.get(attachment);
        if (file == null || file.status() != AttachmentStatus.PENDING) {
            return getVersion();
        }
        if (command.rejection() == null) {
            apply(new AttachmentScannedEvent(taskId, workspaceId, attachment, command.detectedType()));
        } else {
            apply(new AttachmentRejectedEvent(
                    taskId, workspaceId, attachment, file.fileName(), command.rejection(), file.uploadedBy()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(RemoveAttachmentCommand command, MembershipDirectory memberships) {
        requireWritable(command.workspaceId(), command.requestedBy(), command.expectedVersion(), memberships);
        if (!attachments.containsKey(command.attachmentId())) {
            throw CommandRejectedException.notFound("No such attachment.");
        }
        apply(new AttachmentRemovedEvent(taskId, workspaceId, command.attachmentId(), command.requestedBy()));
        return getVersion();
    }

    /** The rank of a card named as a neighbour; it must share this task's column. */
    private String neighbourRank(TaskId neighbour, String field, TaskRegistry tasks) {
        if (neighbour == null) {
            return null;
        }
        RegisteredTask card = tasks.find(workspaceId, neighbour)
                .filter(found -> !found.taskId().equals(taskId))
                .filter(found -> found.projectId().equals(projectId) && found.status() == status)
                .orElseThrow(() -> CommandRejectedException.invalid(field, "Not another card of this task's column."));
        return card.rank();
    }

    private void requireWritable(
            WorkspaceId workspace, UserId user, Long expectedVersion, MembershipDirectory memberships) {
        requireAccess(workspace, user, expectedVersion, memberships, Permission.WRITE);
    }

    /**
     * The checks in the order of the HTTP API: membership, then that the task is in that workspace and not deleted
     * (both 404), then the role (403), then If-Match (412). The version is compared here, not by Axon on loading,
     * which would answer 412 for a task of another workspace and so tell that it exists.
     */
    private void requireAccess(
            WorkspaceId workspace,
            UserId user,
            Long expectedVersion,
            MembershipDirectory memberships,
            Permission needed) {
        Membership membership = WorkspaceAccess.member(memberships, workspace, user);
        if (deleted || !workspaceId.equals(workspace)) {
            throw CommandRejectedException.notFound("No such task.");
        }
        WorkspaceAccess.allow(membership.role(), needed);
        WorkspaceAccess.changeable(membership, needed);
        CommandRejectedException.requireVersion(expectedVersion, getVersion());
    }

    @EventSourcingHandler
    void on(TaskCreatedEvent event) {
        taskId = event.taskId();
        workspaceId = event.workspaceId();
        projectId = event.projectId();
        title = event.title();
        description = event.description();
        status = event.status();
        watchers.add(event.createdBy());
    }

    @EventSourcingHandler
    void on(TaskRenamedEvent event) {
        title = event.title();
    }

    @EventSourcingHandler
    void on(TaskDescriptionChangedEvent event) {
        description = event.description();
    }

    @EventSourcingHandler
    void on(TaskPriorityChangedEvent event) {
        priority = event.priority();
    }

    @EventSourcingHandler
    void on(TaskDueDateChangedEvent event) {
        dueDate = event.dueDate();
    }

    @EventSourcingHandler
    void on(TaskLabelsChangedEvent event) {
        labels = event.labels();
    }

    @EventSourcingHandler
    void on(TaskAssignedEvent event) {
        assignee = event.assigneeId();
    }

    @EventSourcingHandler
    void on(TaskUnassignedEvent event) {
        assignee = null;
    }

    @EventSourcingHandler
    void on(TaskWatchStartedEvent event) {
        watchers.add(event.userId());
    }

    @EventSourcingHandler
    void on(TaskWatchStoppedEvent event) {
        watchers.remove(event.userId());
    }

    @EventSourcingHandler
    void on(TaskMovedEvent event) {
        projectId = event.toProjectId();
    }

    @EventSourcingHandler
    void on(TaskStatusChangedEvent event) {
        status = event.to();
    }

    @EventSourcingHandler
    void on(TaskDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(AttachmentAddedEvent event) {
        attachments.put(
                event.attachmentId(), new HeldFile(AttachmentStatus.PENDING, event.fileName(), event.uploadedBy()));
    }

    @EventSourcingHandler
    void on(AttachmentScannedEvent event) {
        attachments.computeIfPresent(event.attachmentId(), (id, file) -> file.now(AttachmentStatus.CLEAN));
    }

    @EventSourcingHandler
    void on(AttachmentRejectedEvent event) {
        attachments.computeIfPresent(event.attachmentId(), (id, file) -> file.now(AttachmentStatus.REJECTED));
    }

    @EventSourcingHandler
    void on(AttachmentRemovedEvent event) {
        attachments.remove(event.attachmentId());
    }

    private record HeldFile(AttachmentStatus status, String fileName, UserId uploadedBy) {

        HeldFile now(AttachmentStatus next) {
            return new HeldFile(next, fileName, uploadedBy);
        }
    }
}
