package dev.taskmesh.command.workspace;

import static dev.taskmesh.command.Rejections.rejected;
import static dev.taskmesh.command.workspace.Team.ADMIN;
import static dev.taskmesh.command.workspace.Team.MEMBER;
import static dev.taskmesh.command.workspace.Team.OWNER;
import static dev.taskmesh.command.workspace.Team.WORKSPACE;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import dev.taskmesh.api.workspace.AddMemberCommand;
import dev.taskmesh.api.workspace.ChangeMemberRoleCommand;
import dev.taskmesh.api.workspace.MemberRemovedEvent;
import dev.taskmesh.api.workspace.MemberRoleChangedEvent;
import dev.taskmesh.api.workspace.RemoveMemberCommand;
import dev.taskmesh.api.workspace.TransferOwnershipCommand;
import dev.taskmesh.api.workspace.WorkspaceRole;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changing roles and handing a workspace over: a workspace always keeps an owner. */
class WorkspaceRolesTest {

    private static final UserId STRANGER = UserId.random();

    private AggregateTestFixture<Workspace> fixture;

    @BeforeEach
    void fixture() {
        fixture = Team.fixture();
    }

    @Test
    void adminsPromoteAMemberToAdmin() {
        fixture.given(Team.history())
                .when(new ChangeMemberRoleCommand(WORKSPACE, MEMBER, WorkspaceRole.ADMIN, ADMIN))
                .expectEvents(new MemberRoleChangedEvent(WORKSPACE, MEMBER, WorkspaceRole.ADMIN, ADMIN))
                .expectResultMessagePayload(3L);
    }

    @Test
    void membersChangeNoRoles() {
        fixture.given(Team.history())
                .when(new ChangeMemberRoleCommand(WORKSPACE, MEMBER, WorkspaceRole.ADMIN, MEMBER))
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void strangersCannotTellTheWorkspaceExists() {
        fixture.given(Team.history())
                .when(new ChangeMemberRoleCommand(WORKSPACE, MEMBER, WorkspaceRole.VIEWER, STRANGER))
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void theRoleOfSomeoneWhoIsNoMemberIsNotFound() {
        fixture.given(Team.history())
                .when(new ChangeMemberRoleCommand(WORKSPACE, STRANGER, WorkspaceRole.VIEWER, OWNER))
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void adminsNeitherGrantNorTakeAwayOwnership() {
        fixture.given(Team.history())
                .when(new ChangeMemberRoleCommand(WORKSPACE, MEMBER, WorkspaceRole.OWNER, ADMIN))
                .expectException(rejected(Reason.FORBIDDEN));
        fixture.given(Team.history(roleOf(MEMBER, WorkspaceRole.OWNER)))
                .when(new ChangeMemberRoleCommand(WORKSPACE, MEMBER, WorkspaceRole.VIEWER, ADMIN))
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void theLastOwnerCannotBeDemoted() {
        fixture.given(Team.history())
                .when(new ChangeMemberRoleCommand(WORKSPACE, OWNER, WorkspaceRole.ADMIN, OWNER))
                .expectException(rejected(Reason.CONFLICT));
    }

    @Test
    void anOwnerStepsDownWhenAnotherOwnerStays() {
        fixture.given(Team.history(roleOf(ADMIN, WorkspaceRole.OWNER)))
                .when(new ChangeMemberRoleCommand(WORKSPACE, OWNER, WorkspaceRole.MEMBER, OWNER))
                .expectEvents(new MemberRoleChangedEvent(WORKSPACE, OWNER, WorkspaceRole.MEMBER, OWNER));
    }

    @Test
    void theRoleAMemberAlreadyHasChangesNothing() {
        fixture.given(Team.history())
                .when(new ChangeMemberRoleCommand(WORKSPACE, MEMBER, WorkspaceRole.MEMBER, OWNER))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void aDemotedAdminNoLongerManages() {
        fixture.given(Team.history(roleOf(ADMIN, WorkspaceRole.MEMBER)))
                .when(new AddMemberCommand(WORKSPACE, STRANGER, WorkspaceRole.VIEWER, ADMIN))
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void anOwnerHandsTheWorkspaceOverAndBecomesAnAdmin() {
        fixture.given(Team.history())
                .when(new TransferOwnershipCommand(WORKSPACE, MEMBER, OWNER))
                .expectEvents(
                        new MemberRoleChangedEvent(WORKSPACE, MEMBER, WorkspaceRole.OWNER, OWNER),
                        new MemberRoleChangedEvent(WORKSPACE, OWNER, WorkspaceRole.ADMIN, OWNER))
                .expectResultMessagePayload(4L);
    }

    @Test
    void afterHandingOverTheFormerOwnerMayLeave() {
        fixture.given(Team.history(
                        roleOf(MEMBER, WorkspaceRole.OWNER),
                        new MemberRoleChangedEvent(WORKSPACE, OWNER, WorkspaceRole.ADMIN, OWNER)))
                .when(new RemoveMemberCommand(WORKSPACE, OWNER, OWNER))
                .expectEvents(new MemberRemovedEvent(WORKSPACE, OWNER, OWNER));
    }

    @Test
    void onlyAnOwnerHandsOver() {
        fixture.given(Team.history())
                .when(new TransferOwnershipCommand(WORKSPACE, MEMBER, ADMIN))
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void ownershipGoesOnlyToAnotherMember() {
        fixture.given(Team.history())
                .when(new TransferOwnershipCommand(WORKSPACE, STRANGER, OWNER))
                .expectException(rejected(Reason.INVALID));
        fixture.given(Team.history())
                .when(new TransferOwnershipCommand(WORKSPACE, OWNER, OWNER))
                .expectException(rejected(Reason.INVALID));
    }

    private static MemberRoleChangedEvent roleOf(UserId user, WorkspaceRole role) {
        return new MemberRoleChangedEvent(WORKSPACE, user, role, OWNER);
    }
}
