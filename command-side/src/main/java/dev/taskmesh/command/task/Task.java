package dev.taskmesh.command.task;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.taskmesh.api.task.CreateTaskCommand;
import dev.taskmesh.api.task.TaskCreatedEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.wire.CommandRejectedException;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.command.config.WorkspaceAccess;
import dev.taskmesh.command.project.ProjectRegistry;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate
class Task {

    @AggregateIdentifier
    private TaskId taskId;

    Task() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(CreateTaskCommand command, MembershipDirectory memberships, ProjectRegistry projects) {
        WorkspaceAccess.require(memberships, command.workspaceId(), command.requestedBy(), Permission.WRITE);
        ProjectRegistry.RegisteredProject project = projects.find(command.workspaceId(), command.projectId())
                .orElseThrow(() -> CommandRejectedException.notFound("No such project."));
        if (project.archived()) {
            throw CommandRejectedException.conflict("The project is archived and takes no new tasks.");
        }
        apply(new TaskCreatedEvent(
                command.taskId(),
                command.workspaceId(),
                command.projectId(),
                command.title(),
                command.description(),
                TaskStatus.TODO,
                command.requestedBy()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(TaskCreatedEvent event) {
        taskId = event.taskId();
    }
}
