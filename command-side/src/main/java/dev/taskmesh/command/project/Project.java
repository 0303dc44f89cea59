package dev.taskmesh.command.project;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.taskmesh.api.project.CreateProjectCommand;
import dev.taskmesh.api.project.ProjectCreatedEvent;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.command.config.WorkspaceAccess;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate
class Project {

    @AggregateIdentifier
    private ProjectId projectId;

    Project() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(CreateProjectCommand command, MembershipDirectory memberships) {
        WorkspaceAccess.require(memberships, command.workspaceId(), command.requestedBy(), Permission.MANAGE);
        apply(new ProjectCreatedEvent(
                command.projectId(),
                command.workspaceId(),
                command.name(),
                command.description(),
                command.requestedBy()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(ProjectCreatedEvent event) {
        projectId = event.projectId();
    }
}
