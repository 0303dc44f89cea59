package dev.taskmesh.command.workspace;

import static dev.taskmesh.command.Rejections.rejected;

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
import dev.taskmesh.api.workspace.WorkspaceCreatedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.command.account.AccountDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inviting someone by address and their answer: an invitation stands until it is taken up, declined or revoked. */
class WorkspaceInvitationsTest {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final UserId OWNER = UserId.random();
    private static final UserId ADMIN = UserId.random();
    private static final UserId MEMBER = UserId.random();
    private static final UserId INVITEE = UserId.random();
    private static final UUID INVITATION = UUID.randomUUID();

    private AggregateTestFixture<Workspace> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Workspace.class);
        fixture.registerInjectableResource((AccountDirectory) user -> true);
    }

    @Test
    void adminsInvite() {
        fixture.given(team())
                .when(new InviteMemberCommand(WORKSPACE, INVITATION, WorkspaceRole.MEMBER, ADMIN))
                .expectEvents(new MemberInvitedEvent(WORKSPACE, INVITATION, WorkspaceRole.MEMBER, ADMIN));
    }

    @Test
    void membersDoNotInviteAndAdminsInviteNoOwner() {
        fixture.given(team())
                .when(new InviteMemberCommand(WORKSPACE, INVITATION, WorkspaceRole.VIEWER, MEMBER))
                .expectException(rejected(Reason.FORBIDDEN));
        fixture.given(team())
                .when(new InviteMemberCommand(WORKSPACE, INVITATION, WorkspaceRole.OWNER, ADMIN))
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void acceptingJoinsWithTheInvitedRoleAsAddedByTheInviter() {
        fixture.given(team(invited(WorkspaceRole.ADMIN)))
                .when(new AcceptInvitationCommand(WORKSPACE, INVITATION, INVITEE))
                .expectEvents(
                        new InvitationAcceptedEvent(WORKSPACE, INVITATION, INVITEE),
                        new MemberAddedEvent(WORKSPACE, INVITEE, WorkspaceRole.ADMIN, ADMIN));
    }

    @Test
    void anInvitationIsTakenUpOnce() {
        fixture.given(team(invited(WorkspaceRole.MEMBER), new InvitationAcceptedEvent(WORKSPACE, INVITATION, INVITEE)))
                .when(new AcceptInvitationCommand(WORKSPACE, INVITATION, UserId.random()))
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void aMemberAlreadyInCannotAcceptAgain() {
        fixture.given(team(invited(WorkspaceRole.VIEWER)))
                .when(new AcceptInvitationCommand(WORKSPACE, INVITATION, MEMBER))
                .expectException(rejected(Reason.CONFLICT));
    }

    @Test
    void aDeclinedOrRevokedInvitationNoLongerStands() {
        fixture.given(team(invited(WorkspaceRole.MEMBER)))
                .when(new DeclineInvitationCommand(WORKSPACE, INVITATION, INVITEE))
                .expectEvents(new InvitationDeclinedEvent(WORKSPACE, INVITATION, INVITEE));
        fixture.given(team(invited(WorkspaceRole.MEMBER), new InvitationRevokedEvent(WORKSPACE, INVITATION, OWNER)))
                .when(new AcceptInvitationCommand(WORKSPACE, INVITATION, INVITEE))
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void onlyOwnersAndAdminsRevoke() {
        fixture.given(team(invited(WorkspaceRole.MEMBER)))
                .when(new RevokeInvitationCommand(WORKSPACE, INVITATION, MEMBER))
                .expectException(rejected(Reason.FORBIDDEN));
        fixture.given(team(invited(WorkspaceRole.MEMBER)))
                .when(new RevokeInvitationCommand(WORKSPACE, INVITATION, OWNER))
                .expectEvents(new InvitationRevokedEvent(WORKSPACE, INVITATION, OWNER));
    }

    private static MemberInvitedEvent invited(WorkspaceRole role) {
        return new MemberInvitedEvent(WORKSPACE, INVITATION, role, ADMIN);
    }

    private static List<Object> team(Object... later) {
        List<Object> history = new ArrayList<>(List.of(
                new WorkspaceCreatedEvent(WORKSPACE, "Acme", OWNER),
                new MemberAddedEvent(WORKSPACE, ADMIN, WorkspaceRole.ADMIN, OWNER),
                new MemberAddedEvent(WORKSPACE, MEMBER, WorkspaceRole.MEMBER, OWNER)));
        history.addAll(List.of(later));
        return history;
    }
}
