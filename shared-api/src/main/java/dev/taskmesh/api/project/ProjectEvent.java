package dev.taskmesh.api.project;

import dev.taskmesh.api.workspace.WorkspaceId;

/** Everything that happens to a project. */
public sealed interface ProjectEvent
        permits ProjectCreatedEvent,
                ProjectRenamedEvent,
                ProjectDescriptionChangedEvent,
                ProjectArchivedEvent,
                ProjectUnarchivedEvent,
                ProjectDeletedEvent {
    ProjectId projectId();

    WorkspaceId workspaceId();
}
