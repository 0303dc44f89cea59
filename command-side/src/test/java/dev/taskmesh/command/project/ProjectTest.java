package dev.taskmesh.command.project;

import static dev.taskmesh.command.Rejections.rejected;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.CreateProjectCommand;
import dev.taskmesh.api.project.ProjectCreatedEvent;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectTest {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final ProjectId PROJECT = ProjectId.random();
    private static final UserId ADMIN = UserId.random();
    private static final UserId MEMBER = UserId.random();
    private static final UserId STRANGER = UserId.random();
    private static final Map<UserId, WorkspaceRole> ROLES =
            Map.of(ADMIN, WorkspaceRole.ADMIN, MEMBER, WorkspaceRole.MEMBER);

    private AggregateTestFixture<Project> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource((MembershipDirectory) (workspace, user) ->
                workspace.equals(WORKSPACE) ? Optional.ofNullable(ROLES.get(user)) : Optional.empty());
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
}
