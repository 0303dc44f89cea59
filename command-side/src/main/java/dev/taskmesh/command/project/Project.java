package dev.taskmesh.command.project;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ChangeProjectCommand;
import dev.taskmesh.api.project.CreateProjectCommand;
import dev.taskmesh.api.project.DeleteProjectCommand;
import dev.taskmesh.api.project.ProjectArchivedEvent;
import dev.taskmesh.api.project.ProjectCreatedEvent;
import dev.taskmesh.api.project.ProjectDeletedEvent;
import dev.taskmesh.api.project.ProjectDescriptionChangedEvent;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.project.ProjectRenamedEvent;
import dev.taskmesh.api.project.ProjectUnarchivedEvent;
import dev.taskmesh.api.wire.CommandRejectedException;
import dev.taskmesh.api.workspace.Membership;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.config.WorkspaceAccess;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A project of a workspace; owners and admins manage it. */
@Aggregate
class Project {

    @AggregateIdentifier
    private ProjectId projectId;

    private WorkspaceId workspaceId;
    private String name;
    private String description;
    private boolean archived;
    private boolean deleted;

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

    @CommandHandler
    long handle(ChangeProjectCommand command, MembershipDirectory memberships) {
        requireManageable(command.workspaceId(), command.requestedBy(), command.expectedVersion(), memberships);
        if (command.name() != null) {
            if (command.name().value() == null) {
                throw CommandRejectedException.invalid("name", "A project always has a name.");
            }
            if (!command.name().value().equals(name)) {
                apply(new ProjectRenamedEvent(
                        projectId, workspaceId, command.name().value(), command.requestedBy()));
            }
        }
        if (command.description() != null
                && !Objects.equals(command.description().value(), description)) {
            apply(new ProjectDescriptionChangedEvent(
                    projectId, workspaceId, command.description().value(), command.requestedBy()));
        }
        if (command.archived() != null && command.archived() != archived) {
            apply(
                    command.archived()
                            ? new ProjectArchivedEvent(projectId, workspaceId, command.requestedBy())
                            : new ProjectUnarchivedEvent(projectId, workspaceId, command.requestedBy()));
        }
        return getVersion();
    }

    /** Owners and admins delete a project; its tasks must be gone first, which ProjectRemoval sees to. */
    @CommandHandler
    long handle(DeleteProjectCommand command, MembershipDirectory memberships) {
        requireManageable(command.workspaceId(), command.requestedBy(), command.expectedVersion(), memberships);
        apply(new ProjectDeletedEvent(projectId, workspaceId, command.requestedBy()));
        return getVersion();
    }

    /**
     * Membership, then that this is a live project of that workspace (404 either way), then the role (403), an
     * archived workspace (409) and If-Match (412).
     */
    private void requireManageable(
            WorkspaceId workspace, UserId user, Long expectedVersion, MembershipDirectory memberships) {
        Membership membership = WorkspaceAccess.member(memberships, workspace, user);
        if (deleted || !workspaceId.equals(workspace)) {
            throw CommandRejectedException.notFound("No such project.");
        }
        WorkspaceAccess.allow(membership.role(), Permission.MANAGE);
        WorkspaceAccess.changeable(membership, Permission.MANAGE);
        CommandRejectedException.requireVersion(expectedVersion, getVersion());
    }

    @EventSourcingHandler
    void on(ProjectDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(ProjectCreatedEvent event) {
        projectId = event.projectId();
        workspaceId = event.workspaceId();
        name = event.name();
        description = event.description();
    }

    @EventSourcingHandler
    void on(ProjectRenamedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(ProjectDescriptionChangedEvent event) {
        description = event.description();
    }

    @EventSourcingHandler
    void on(ProjectArchivedEvent event) {
        archived = true;
    }

    @EventSourcingHandler
    void on(ProjectUnarchivedEvent event) {
        archived = false;
    }
}
