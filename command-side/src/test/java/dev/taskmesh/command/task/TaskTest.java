package dev.taskmesh.command.task;

import static dev.taskmesh.command.Rejections.rejected;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.CreateTaskCommand;
import dev.taskmesh.api.task.TaskCreatedEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.command.project.ProjectRegistry;
import dev.taskmesh.command.project.ProjectRegistry.RegisteredProject;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskTest {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final ProjectId PROJECT = ProjectId.random();
    private static final ProjectId ARCHIVED = ProjectId.random();
    private static final TaskId TASK = TaskId.random();
    private static final UserId MEMBER = UserId.random();
    private static final UserId VIEWER = UserId.random();
    private static final UserId STRANGER = UserId.random();

    private static final Map<UserId, WorkspaceRole> ROLES =
            Map.of(MEMBER, WorkspaceRole.MEMBER, VIEWER, WorkspaceRole.VIEWER);
    private static final Map<ProjectId, RegisteredProject> PROJECTS = Map.of(
            PROJECT, new RegisteredProject(PROJECT, WORKSPACE, false),
            ARCHIVED, new RegisteredProject(ARCHIVED, WORKSPACE, true));

    private AggregateTestFixture<Task> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Task.class);
        fixture.registerInjectableResource((MembershipDirectory) (workspace, user) ->
                workspace.equals(WORKSPACE) ? Optional.ofNullable(ROLES.get(user)) : Optional.empty());
        fixture.registerInjectableResource(
                (ProjectRegistry) (workspace, project) -> Optional.ofNullable(PROJECTS.get(project))
                        .filter(p -> p.workspaceId().equals(workspace)));
    }

    @Test
    void membersCreateTasksThatStartInTodo() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, WORKSPACE, PROJECT, "Ship it", "soon", MEMBER))
                .expectEvents(
                        new TaskCreatedEvent(TASK, WORKSPACE, PROJECT, "Ship it", "soon", TaskStatus.TODO, MEMBER))
                .expectResultMessagePayload(0L);
    }

    @Test
    void viewersCannotCreateTasks() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, WORKSPACE, PROJECT, "Ship it", null, VIEWER))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void strangersCannotTellTheWorkspaceExists() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, WORKSPACE, PROJECT, "Ship it", null, STRANGER))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void cannotCreateATaskInAnUnknownProject() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, WORKSPACE, ProjectId.random(), "Ship it", null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void archivedProjectsTakeNoNewTasks() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, WORKSPACE, ARCHIVED, "Ship it", null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.CONFLICT));
    }
}
