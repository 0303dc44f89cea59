package dev.taskmesh.command;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.workspace.Membership;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.command.project.ProjectRegistry;
import dev.taskmesh.command.task.TaskRegistry;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The command side's ports as aggregate fixtures see them: the membership, project and task lookups that PostgreSQL
 * serves in production, held in maps so each test states exactly the world it needs.
 */
public final class TestDirectory implements MembershipDirectory, ProjectRegistry, TaskRegistry {

    private record Member(WorkspaceId workspaceId, UserId userId, WorkspaceRole role, String handle) {}

    private final Map<String, Member> members = new HashMap<>();
    private final Map<ProjectId, RegisteredProject> projects = new HashMap<>();
    private final Map<TaskId, WorkspaceId> taskWorkspaces = new HashMap<>();
    private final Map<TaskId, RegisteredTask> tasks = new HashMap<>();
    private final java.util.Set<WorkspaceId> archived = new java.util.HashSet<>();

    public TestDirectory member(WorkspaceId workspaceId, UserId userId, WorkspaceRole role, String handle) {
        members.put(workspaceId + "/" + userId, new Member(workspaceId, userId, role, handle));
        return this;
    }

    public TestDirectory archive(WorkspaceId workspaceId) {
        archived.add(workspaceId);
        return this;
    }

    public TestDirectory project(WorkspaceId workspaceId, ProjectId projectId, boolean archived) {
        projects.put(projectId, new RegisteredProject(projectId, workspaceId, archived));
        return this;
    }

    public TestDirectory task(
            WorkspaceId workspaceId, TaskId taskId, ProjectId projectId, TaskStatus status, String rank) {
        taskWorkspaces.put(taskId, workspaceId);
        tasks.put(taskId, new RegisteredTask(taskId, projectId, status, rank));
        return this;
    }

    @Override
    public Optional<WorkspaceRole> roleOf(WorkspaceId workspaceId, UserId userId) {
        return Optional.ofNullable(members.get(workspaceId + "/" + userId)).map(Member::role);
    }

    @Override
    public Optional<Membership> membershipOf(WorkspaceId workspaceId, UserId userId) {
        return roleOf(workspaceId, userId).map(role -> new Membership(role, archived.contains(workspaceId)));
    }

    @Override
    public List<WorkspaceId> workspacesOf(UserId userId) {
        return members.values().stream()
                .filter(m -> m.userId().equals(userId))
                .map(Member::workspaceId)
                .toList();
    }

    @Override
    public Map<String, UserId> membersByHandle(WorkspaceId workspaceId, Collection<String> handles) {
        return members.values().stream()
                .filter(m -> m.workspaceId().equals(workspaceId) && handles.contains(m.handle()))
                .collect(Collectors.toMap(Member::handle, Member::userId));
    }

    @Override
    public Optional<RegisteredProject> find(WorkspaceId workspaceId, ProjectId projectId) {
        return Optional.ofNullable(projects.get(projectId))
                .filter(p -> p.workspaceId().equals(workspaceId));
    }

    @Override
    public Optional<RegisteredTask> find(WorkspaceId workspaceId, TaskId taskId) {
        return Optional.ofNullable(tasks.get(taskId)).filter(t -> workspaceId.equals(taskWorkspaces.get(t.taskId())));
    }

    @Override
    public Optional<String> neighbourRank(
            WorkspaceId workspaceId,
            ProjectId projectId,
            TaskStatus status,
            String rank,
            boolean below,
            TaskId except) {
        var column = tasks.values().stream()
                .filter(t -> workspaceId.equals(taskWorkspaces.get(t.taskId())))
                .filter(t -> t.projectId().equals(projectId)
                        && t.status() == status
                        && !t.taskId().equals(except))
                .map(RegisteredTask::rank);
        return below
                ? column.filter(r -> r.compareTo(rank) < 0).max(Comparator.naturalOrder())
                : column.filter(r -> r.compareTo(rank) > 0).min(Comparator.naturalOrder());
    }

    @Override
    public Optional<String> lastRank(WorkspaceId workspaceId, ProjectId projectId, TaskStatus status) {
        return tasks.values().stream()
                .filter(t -> workspaceId.equals(taskWorkspaces.get(t.taskId())))
                .filter(t -> t.projectId().equals(projectId) && t.status() == status)
                .map(RegisteredTask::rank)
                .max(Comparator.naturalOrder());
    }
}
