package dev.taskmesh.command.project;

import static dev.taskmesh.command.Rejections.rejected;

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
import dev.taskmesh.api.wire.Change;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.command.TestDirectory;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectTest {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final WorkspaceId OTHER_WORKSPACE = WorkspaceId.random();
    private static final ProjectId PROJECT = ProjectId.random();
    private static final UserId ADMIN = UserId.random();
    private static final UserId MEMBER = UserId.random();
    private static final UserId STRANGER = UserId.random();

    private AggregateTestFixture<Project> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource((MembershipDirectory) new TestDirectory()
                .member(WORKSPACE, ADMIN, WorkspaceRole.ADMIN, "admin")
                .member(WORKSPACE, MEMBER, WorkspaceRole.MEMBER, "member")
                .member(OTHER_WORKSPACE, ADMIN, WorkspaceRole.ADMIN, "admin"));
    }

    @Test
    void adminsCreateProjects() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT, WORKSPACE, "Launch", "Q1", ADMIN))
                .expectEvents(new ProjectCreatedEvent(PROJECT, WORKSPACE, "Launch", "Q1", ADMIN))
                .expectResultMessagePayload(0L);
    }

    @Test
    void membersCannotCreateProjects() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT, WORKSPACE, "Launch", null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void strangersCannotTellTheWorkspaceExists() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT, WORKSPACE, "Launch", null, STRANGER))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void aPatchAppendsOneEventPerChangedField() {
        fixture.given(created())
                .when(change(Change.to("Relaunch"), Change.to(null), true, null))
                .expectEvents(
                        new ProjectRenamedEvent(PROJECT, WORKSPACE, "Relaunch", ADMIN),
                        new ProjectDescriptionChangedEvent(PROJECT, WORKSPACE, null, ADMIN),
                        new ProjectArchivedEvent(PROJECT, WORKSPACE, ADMIN))
                .expectResultMessagePayload(3L);
    }

    @Test
    void aPatchThatChangesNothingAppendsNothing() {
        fixture.given(created())
                .when(change(Change.to("Launch"), Change.to("Q1"), false, null))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void archivedProjectsCanBeUnarchived() {
        fixture.given(created(), new ProjectArchivedEvent(PROJECT, WORKSPACE, ADMIN))
                .when(change(null, null, false, null))
                .expectEvents(new ProjectUnarchivedEvent(PROJECT, WORKSPACE, ADMIN));
    }

    @Test
    void aProjectAlwaysHasAName() {
        fixture.given(created())
                .when(change(Change.to(null), null, null, null))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID));
    }

    @Test
    void membersCannotChangeProjects() {
        fixture.given(created())
                .when(new ChangeProjectCommand(PROJECT, WORKSPACE, Change.to("x"), null, null, null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void aProjectIsUnknownUnderAnotherWorkspace() {
        fixture.given(created())
                .when(new ChangeProjectCommand(PROJECT, OTHER_WORKSPACE, Change.to("x"), null, null, null, ADMIN))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void aStaleIfMatchChangesNothing() {
        fixture.given(created(), new ProjectRenamedEvent(PROJECT, WORKSPACE, "Renamed", ADMIN))
                .when(change(Change.to("Mine"), null, null, 0L))
                .expectNoEvents()
                .expectException(rejected(Reason.STALE));
    }

    private static ProjectCreatedEvent created() {
        return new ProjectCreatedEvent(PROJECT, WORKSPACE, "Launch", "Q1", ADMIN);
    }

    private static ChangeProjectCommand change(
            Change<String> name, Change<String> description, Boolean archived, Long expectedVersion) {
        return new ChangeProjectCommand(PROJECT, WORKSPACE, name, description, archived, expectedVersion, ADMIN);
    }

    @Test
    void adminsDeleteAProjectAndThenItIsUnknown() {
        ProjectCreatedEvent created = new ProjectCreatedEvent(PROJECT, WORKSPACE, "Launch", null, ADMIN);
        fixture.given(created)
                .when(new DeleteProjectCommand(PROJECT, WORKSPACE, null, MEMBER))
                .expectException(rejected(Reason.FORBIDDEN));
        fixture.given(created)
                .when(new DeleteProjectCommand(PROJECT, WORKSPACE, null, ADMIN))
                .expectEvents(new ProjectDeletedEvent(PROJECT, WORKSPACE, ADMIN));
        fixture.given(created, new ProjectDeletedEvent(PROJECT, WORKSPACE, ADMIN))
                .when(new ChangeProjectCommand(PROJECT, WORKSPACE, null, null, true, null, ADMIN))
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void anArchivedWorkspacesProjectsDoNotChange() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource((MembershipDirectory) new TestDirectory()
                .member(WORKSPACE, ADMIN, WorkspaceRole.ADMIN, "admin")
                .archive(WORKSPACE));
        fixture.given(new ProjectCreatedEvent(PROJECT, WORKSPACE, "Launch", null, ADMIN))
                .when(new DeleteProjectCommand(PROJECT, WORKSPACE, null, ADMIN))
                .expectException(rejected(Reason.CONFLICT));
    }
}
