package dev.taskmesh.command.project;

import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.Optional;

/** What the task rules need to know of a project, consistent with the commands already committed. */
public interface ProjectRegistry {

    /** Empty when the project does not exist in that workspace. */
    Optional<RegisteredProject> find(WorkspaceId workspaceId, ProjectId projectId);

    record RegisteredProject(ProjectId projectId, WorkspaceId workspaceId, boolean archived) {}
}
