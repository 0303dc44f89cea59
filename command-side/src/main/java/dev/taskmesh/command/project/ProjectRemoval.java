package dev.taskmesh.command.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.DeleteProjectCommand;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.DeleteTaskCommand;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.command.config.CommandSender;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes a project with everything in it, in one transaction: each of its live tasks is deleted as a member would
 * delete it (their files and comments go with them), then the project. The project's command checks who may, after
 * the tasks' commands did: someone who may not is refused before anything commits.
 */
@Service
public class ProjectRemoval {

    private final JdbcClient jdbc;
    private final CommandSender commands;

    ProjectRemoval(JdbcClient jdbc, CommandSender commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @Transactional
    public CommandAccepted delete(WorkspaceId workspace, ProjectId project, Long expectedVersion, UserId by) {
        for (UUID task : jdbc.sql("""
                        SELECT task_id FROM task_registry
                         WHERE workspace_id = :workspaceId AND project_id = :projectId AND NOT deleted
                        """)
                .param("workspaceId", workspace.value())
                .param("projectId", project.value())
                .query(UUID.class)
                .list()) {
            TaskId id = new TaskId(task);
            commands.send(new DeleteTaskCommand(id, workspace, null, by), id);
        }
        return commands.send(new DeleteProjectCommand(project, workspace, expectedVersion, by), project);
    }
}
