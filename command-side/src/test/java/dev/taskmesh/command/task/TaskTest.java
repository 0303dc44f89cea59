package dev.taskmesh.command.task;

import static dev.taskmesh.command.Rejections.rejected;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.AssignTaskCommand;
import dev.taskmesh.api.task.ChangeTaskDetailsCommand;
import dev.taskmesh.api.task.ChangeTaskStatusCommand;
import dev.taskmesh.api.task.CreateTaskCommand;
import dev.taskmesh.api.task.DeleteTaskCommand;
import dev.taskmesh.api.task.MoveTaskCommand;
import dev.taskmesh.api.task.RankTaskCommand;
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
import dev.taskmesh.api.wire.Change;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.command.TestDirectory;
import dev.taskmesh.command.project.ProjectRegistry;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskTest {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final WorkspaceId OTHER_WORKSPACE = WorkspaceId.random();
    private static final ProjectId PROJECT = ProjectId.random();
    private static final ProjectId SECOND_PROJECT = ProjectId.random();
    private static final ProjectId ARCHIVED = ProjectId.random();
    private static final ProjectId FOREIGN_PROJECT = ProjectId.random();
    private static final TaskId TASK = TaskId.random();
    private static final TaskId ABOVE = TaskId.random();
    private static final TaskId BELOW = TaskId.random();
    private static final TaskId ELSEWHERE = TaskId.random();
    private static final UserId MEMBER = UserId.random();
    private static final UserId COLLEAGUE = UserId.random();
    private static final UserId VIEWER = UserId.random();
    private static final UserId STRANGER = UserId.random();

    private AggregateTestFixture<Task> fixture;

    @BeforeEach
    void fixture() {
        TestDirectory directory = new TestDirectory()
                .member(WORKSPACE, MEMBER, WorkspaceRole.MEMBER, "member")
                .member(WORKSPACE, COLLEAGUE, WorkspaceRole.MEMBER, "colleague")
                .member(WORKSPACE, VIEWER, WorkspaceRole.VIEWER, "viewer")
                .member(OTHER_WORKSPACE, MEMBER, WorkspaceRole.MEMBER, "member")
                .project(WORKSPACE, PROJECT, false)
                .project(WORKSPACE, SECOND_PROJECT, false)
                .project(WORKSPACE, ARCHIVED, true)
                .project(OTHER_WORKSPACE, FOREIGN_PROJECT, false)
                .task(WORKSPACE, ABOVE, PROJECT, TaskStatus.TODO, "a1")
                .task(WORKSPACE, BELOW, PROJECT, TaskStatus.TODO, "a3")
                .task(WORKSPACE, ELSEWHERE, PROJECT, TaskStatus.DONE, "a2");
        fixture = new AggregateTestFixture<>(Task.class);
        fixture.registerInjectableResource((MembershipDirectory) directory);
        fixture.registerInjectableResource((ProjectRegistry) directory);
        fixture.registerInjectableResource((TaskRegistry) directory);
    }

    @Test
    void membersCreateTasksAtTheEndOfTheTodoColumn() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, WORKSPACE, PROJECT, "Ship it", "soon", null, MEMBER))
                .expectEvents(new TaskCreatedEvent(
                        TASK,
                        WORKSPACE,
                        PROJECT,
                        "Ship it",
                        "soon",
                        TaskStatus.TODO,
                        BoardRank.after("a3", TASK.value()),
                        MEMBER))
                .expectResultMessagePayload(0L);
    }

    @Test
    void aTaskCanBeCreatedInAnotherColumn() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, WORKSPACE, PROJECT, "Idea", null, TaskStatus.BACKLOG, MEMBER))
                .expectEvents(new TaskCreatedEvent(
                        TASK,
                        WORKSPACE,
                        PROJECT,
                        "Idea",
                        null,
                        TaskStatus.BACKLOG,
                        BoardRank.after(null, TASK.value()),
                        MEMBER));
    }

    @Test
    void viewersCannotCreateTasks() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, WORKSPACE, PROJECT, "Ship it", null, null, VIEWER))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void strangersCannotTellTheWorkspaceExists() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, WORKSPACE, PROJECT, "Ship it", null, null, STRANGER))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void cannotCreateATaskInAnUnknownProject() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, WORKSPACE, FOREIGN_PROJECT, "Ship it", null, null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void archivedProjectsTakeNoNewTasks() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, WORKSPACE, ARCHIVED, "Ship it", null, null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.CONFLICT));
    }

    @Test
    void aPatchAppendsOneEventPerChangedField() {
        LocalDate due = LocalDate.parse("2026-12-31");
        fixture.given(created())
                .when(details(
                        Change.to("Ship it now"),
                        Change.to("today"),
                        Change.to(TaskPriority.URGENT),
                        Change.to(due),
                        Change.to(List.of("release")),
                        null))
                .expectEvents(
                        new TaskRenamedEvent(TASK, WORKSPACE, "Ship it now", MEMBER),
                        new TaskDescriptionChangedEvent(TASK, WORKSPACE, "today", MEMBER),
                        new TaskPriorityChangedEvent(TASK, WORKSPACE, TaskPriority.URGENT, MEMBER),
                        new TaskDueDateChangedEvent(TASK, WORKSPACE, due, MEMBER),
                        new TaskLabelsChangedEvent(TASK, WORKSPACE, List.of("release"), MEMBER))
                .expectResultMessagePayload(5L);
    }

    @Test
    void absentFieldsStayAndNullsClear() {
        fixture.given(
                        created(),
                        new TaskPriorityChangedEvent(TASK, WORKSPACE, TaskPriority.HIGH, MEMBER),
                        new TaskLabelsChangedEvent(TASK, WORKSPACE, List.of("x"), MEMBER))
                .when(details(null, null, Change.to(null), null, Change.to(null), null))
                .expectEvents(
                        new TaskPriorityChangedEvent(TASK, WORKSPACE, TaskPriority.NONE, MEMBER),
                        new TaskLabelsChangedEvent(TASK, WORKSPACE, List.of(), MEMBER));
    }

    @Test
    void aPatchToTheSameValuesAppendsNothing() {
        fixture.given(created())
                .when(details(Change.to("Ship it"), Change.to("soon"), Change.to(TaskPriority.NONE), null, null, null))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aTaskAlwaysHasATitle() {
        fixture.given(created())
                .when(details(Change.to(null), null, null, null, null, null))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID));
    }

    @Test
    void aStaleIfMatchChangesNothing() {
        fixture.given(created(), new TaskRenamedEvent(TASK, WORKSPACE, "Theirs", COLLEAGUE))
                .when(details(Change.to("Mine"), null, null, null, null, 0L))
                .expectNoEvents()
                .expectException(rejected(Reason.STALE));
    }

    @Test
    void aCurrentIfMatchIsAccepted() {
        fixture.given(created(), new TaskRenamedEvent(TASK, WORKSPACE, "Theirs", COLLEAGUE))
                .when(details(Change.to("Mine"), null, null, null, null, 1L))
                .expectEvents(new TaskRenamedEvent(TASK, WORKSPACE, "Mine", MEMBER));
    }

    @Test
    void aTaskIsUnknownUnderAnotherWorkspace() {
        fixture.given(created())
                .when(new ChangeTaskDetailsCommand(
                        TASK, OTHER_WORKSPACE, Change.to("x"), null, null, null, null, null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void viewersCannotChangeTasks() {
        fixture.given(created())
                .when(new ChangeTaskDetailsCommand(
                        TASK, WORKSPACE, Change.to("x"), null, null, null, null, null, VIEWER))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void assigningMakesTheAssigneeAWatcher() {
        fixture.given(created())
                .when(new AssignTaskCommand(TASK, WORKSPACE, COLLEAGUE, null, MEMBER))
                .expectEvents(
                        new TaskAssignedEvent(TASK, WORKSPACE, COLLEAGUE, null, MEMBER),
                        new TaskWatchStartedEvent(TASK, WORKSPACE, COLLEAGUE));
    }

    @Test
    void reassigningNamesThePreviousAssignee() {
        fixture.given(created(), new TaskAssignedEvent(TASK, WORKSPACE, COLLEAGUE, null, MEMBER))
                .when(new AssignTaskCommand(TASK, WORKSPACE, MEMBER, null, MEMBER))
                .expectEvents(new TaskAssignedEvent(TASK, WORKSPACE, MEMBER, COLLEAGUE, MEMBER));
    }

    @Test
    void unassigning() {
        fixture.given(created(), new TaskAssignedEvent(TASK, WORKSPACE, COLLEAGUE, null, MEMBER))
                .when(new AssignTaskCommand(TASK, WORKSPACE, null, null, MEMBER))
                .expectEvents(new TaskUnassignedEvent(TASK, WORKSPACE, COLLEAGUE, MEMBER));
    }

    @Test
    void cannotAssignTaskToNonMember() {
        fixture.given(created())
                .when(new AssignTaskCommand(TASK, WORKSPACE, STRANGER, null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID));
    }

    @Test
    void viewersMayWatch() {
        fixture.given(created())
                .when(new WatchTaskCommand(TASK, WORKSPACE, true, null, VIEWER))
                .expectEvents(new TaskWatchStartedEvent(TASK, WORKSPACE, VIEWER));
    }

    @Test
    void watchersMayStopWatching() {
        fixture.given(created(), new TaskWatchStartedEvent(TASK, WORKSPACE, VIEWER))
                .when(new WatchTaskCommand(TASK, WORKSPACE, false, null, VIEWER))
                .expectEvents(new TaskWatchStoppedEvent(TASK, WORKSPACE, VIEWER));
    }

    @Test
    void theCreatorAlreadyWatches() {
        fixture.given(created())
                .when(new WatchTaskCommand(TASK, WORKSPACE, true, null, MEMBER))
                .expectNoEvents();
    }

    @Test
    void movingGoesToTheEndOfTheSameColumnOfTheOtherProject() {
        fixture.given(created())
                .when(new MoveTaskCommand(TASK, WORKSPACE, SECOND_PROJECT, null, MEMBER))
                .expectEvents(new TaskMovedEvent(
                        TASK, WORKSPACE, PROJECT, SECOND_PROJECT, BoardRank.after(null, TASK.value()), MEMBER));
    }

    @Test
    void cannotMoveIntoAnotherWorkspace() {
        fixture.given(created())
                .when(new MoveTaskCommand(TASK, WORKSPACE, FOREIGN_PROJECT, null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID));
    }

    @Test
    void cannotMoveIntoAnArchivedProject() {
        fixture.given(created())
                .when(new MoveTaskCommand(TASK, WORKSPACE, ARCHIVED, null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.CONFLICT));
    }

    @Test
    void statusFollowsTheWorkflowAndLandsAtTheEndOfTheColumn() {
        fixture.given(created())
                .when(new ChangeTaskStatusCommand(TASK, WORKSPACE, TaskStatus.IN_PROGRESS, null, MEMBER))
                .expectEvents(new TaskStatusChangedEvent(
                        TASK,
                        WORKSPACE,
                        TaskStatus.TODO,
                        TaskStatus.IN_PROGRESS,
                        BoardRank.after(null, TASK.value()),
                        MEMBER));
    }

    @Test
    void cannotSkipTheWorkflow() {
        fixture.given(created())
                .when(new ChangeTaskStatusCommand(TASK, WORKSPACE, TaskStatus.DONE, null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.CONFLICT));
    }

    @Test
    void rankingPlacesTheCardBetweenItsNeighbours() {
        fixture.given(created())
                .when(new RankTaskCommand(TASK, WORKSPACE, ABOVE, BELOW, null, MEMBER))
                .expectEvents(new TaskRankedEvent(TASK, WORKSPACE, BoardRank.between("a1", "a3"), MEMBER));
    }

    @Test
    void rankingAfterACardKeepsBelowTheCardThatFollowsIt() {
        fixture.given(created())
                .when(new RankTaskCommand(TASK, WORKSPACE, ABOVE, null, null, MEMBER))
                .expectEvents(new TaskRankedEvent(TASK, WORKSPACE, BoardRank.between("a1", "a3"), MEMBER));
    }

    @Test
    void rankingToTheTop() {
        fixture.given(created())
                .when(new RankTaskCommand(TASK, WORKSPACE, null, ABOVE, null, MEMBER))
                .expectEvents(new TaskRankedEvent(TASK, WORKSPACE, BoardRank.between(null, "a1"), MEMBER));
    }

    @Test
    void neighboursMustShareTheColumn() {
        fixture.given(created())
                .when(new RankTaskCommand(TASK, WORKSPACE, ELSEWHERE, null, null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID));
    }

    @Test
    void neighboursMustBeInOrder() {
        fixture.given(created())
                .when(new RankTaskCommand(TASK, WORKSPACE, BELOW, ABOVE, null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.CONFLICT));
    }

    @Test
    void deletedTasksAreUnknown() {
        fixture.given(created(), new TaskDeletedEvent(TASK, WORKSPACE, MEMBER))
                .when(details(Change.to("again"), null, null, null, null, null))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void membersDeleteTasks() {
        fixture.given(created())
                .when(new DeleteTaskCommand(TASK, WORKSPACE, null, MEMBER))
                .expectEvents(new TaskDeletedEvent(TASK, WORKSPACE, MEMBER));
    }

    private static TaskCreatedEvent created() {
        return new TaskCreatedEvent(TASK, WORKSPACE, PROJECT, "Ship it", "soon", TaskStatus.TODO, "a2", MEMBER);
    }

    private static ChangeTaskDetailsCommand details(
            Change<String> title,
            Change<String> description,
            Change<TaskPriority> priority,
            Change<LocalDate> dueDate,
            Change<List<String>> labels,
            Long expectedVersion) {
        return new ChangeTaskDetailsCommand(
                TASK, WORKSPACE, title, description, priority, dueDate, labels, expectedVersion, MEMBER);
    }
}
