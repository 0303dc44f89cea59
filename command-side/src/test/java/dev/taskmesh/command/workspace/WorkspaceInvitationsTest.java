package dev.taskmesh.command.workspace;

import static dev.taskmesh.command.Rejections.rejected;
import static dev.taskmesh.command.workspace.Team.ADMIN;
import static dev.taskmesh.command.workspace.Team.MEMBER;
import static dev.taskmesh.command.workspace.Team.OWNER;
import static dev.taskmesh.command.workspace.Team.WORKSPACE;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import dev.taskmesh.api.workspace.AcceptInvitationCommand;
import dev.taskmesh.api.workspace.DeclineInvitationCommand;
import dev.taskmesh.api.workspace.InvitationAcceptedEvent;
import dev.taskmesh.api.workspace.InvitationDeclinedEvent;
import dev.taskmesh.api.workspace.InvitationRevokedEvent;
import dev.taskmesh.api.workspace.InviteMemberCommand;
import dev.taskmesh.api.workspace.MemberAddedEvent;
import dev.taskmesh.api.workspace.MemberInvitedEvent;
import dev.taskmesh.api.workspace.RevokeInvitationCommand;
import dev.taskmesh.api.workspace.WorkspaceRole;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inviting someone by address and their answer: an invitation stands until it is taken up, declined or revoked. */
class WorkspaceInvitationsTest {

    private static final UserId INVITEE = UserId.random();
    private static final UUID INVITATION = UUID.randomUUID();

    private AggregateTestFixture<Workspace> fixture;

    @BeforeEach
    void fixture() {
        fixture = Team.fixture();
    }

    @Test
    void adminsInvite() {
        fixture.given(Team.history())
                .when(new InviteMemberCommand(WORKSPACE, INVITATION, WorkspaceRole.MEMBER, ADMIN))
                .expectEvents(new MemberInvitedEvent(WORKSPACE, INVITATION, WorkspaceRole.MEMBER, ADMIN));
    }

    @Test
    void membersDoNotInviteAndAdminsInviteNoOwner() {
        fixture.given(Team.history())
                .when(new InviteMemberCommand(WORKSPACE, INVITATION, WorkspaceRole.VIEWER, MEMBER))
                .expectException(rejected(Reason.FORBIDDEN));
        fixture.given(Team.history())
                .when(new InviteMemberCommand(WORKSPACE, INVITATION, WorkspaceRole.OWNER, ADMIN))
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void acceptingJoinsWithTheInvitedRoleAsAddedByTheInviter() {
        fixture.given(Team.history(invited(WorkspaceRole.ADMIN)))
                .when(new AcceptInvitationCommand(WORKSPACE, INVITATION, INVITEE))
                .expectEvents(
                        new InvitationAcceptedEvent(WORKSPACE, INVITATION, INVITEE),
                        new MemberAddedEvent(WORKSPACE, INVITEE, WorkspaceRole.ADMIN, ADMIN));
    }

    @Test
    void anInvitationIsTakenUpOnce() {
        fixture.given(Team.history(
                        invited(WorkspaceRole.MEMBER), new InvitationAcceptedEvent(WORKSPACE, INVITATION, INVITEE)))
                .when(new AcceptInvitationCommand(WORKSPACE, INVITATION, UserId.random()))
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void aMemberAlreadyInCannotAcceptAgain() {
        fixture.given(Team.history(invited(WorkspaceRole.VIEWER)))
                .when(new AcceptInvitationCommand(WORKSPACE, INVITATION, MEMBER))
                .expectException(rejected(Reason.CONFLICT));
    }

    @Test
    void aDeclinedOrRevokedInvitationNoLongerStands() {
        fixture.given(Team.history(invited(WorkspaceRole.MEMBER)))
                .when(new DeclineInvitationCommand(WORKSPACE, INVITATION, INVITEE))
                .expectEvents(new InvitationDeclinedEvent(WORKSPACE, INVITATION, INVITEE));
        fixture.given(Team.history(
                        invited(WorkspaceRole.MEMBER), new InvitationRevokedEvent(WORKSPACE, INVITATION, OWNER)))
                .when(new AcceptInvitationCommand(WORKSPACE, INVITATION, INVITEE))
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void onlyOwnersAndAdminsRevoke() {
        fixture.given(Team.history(invited(WorkspaceRole.MEMBER)))
                .when(new RevokeInvitationCommand(WORKSPACE, INVITATION, MEMBER))
                .expectException(rejected(Reason.FORBIDDEN));
        fixture.given(Team.history(invited(WorkspaceRole.MEMBER)))
                .when(new RevokeInvitationCommand(WORKSPACE, INVITATION, OWNER))
                .expectEvents(new InvitationRevokedEvent(WORKSPACE, INVITATION, OWNER));
    }

    private static MemberInvitedEvent invited(WorkspaceRole role) {
        return new MemberInvitedEvent(WORKSPACE, INVITATION, role, ADMIN);
    }
}
