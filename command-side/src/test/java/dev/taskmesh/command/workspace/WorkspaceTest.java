package dev.taskmesh.command.workspace;

import static dev.taskmesh.command.Rejections.rejected;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import dev.taskmesh.api.workspace.AddMemberCommand;
import dev.taskmesh.api.workspace.CreateWorkspaceCommand;
import dev.taskmesh.api.workspace.MemberAddedEvent;
import dev.taskmesh.api.workspace.MemberRemovedEvent;
import dev.taskmesh.api.workspace.RemoveMemberCommand;
import dev.taskmesh.api.workspace.WorkspaceCreatedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.command.account.AccountDirectory;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkspaceTest {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final UserId OWNER = UserId.random();
    private static final UserId ADMIN = UserId.random();
    private static final UserId MEMBER = UserId.random();
    private static final UserId NEWCOMER = UserId.random();
    private static final UserId STRANGER = UserId.random();
    private static final Set<UserId> REGISTERED = Set.of(OWNER, ADMIN, MEMBER, NEWCOMER, STRANGER);

    private AggregateTestFixture<Workspace> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Workspace.class);
        fixture.registerInjectableResource((AccountDirectory) REGISTERED::contains);
    }

    @Test
    void theCreatorOwnsANewWorkspace() {
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WORKSPACE, "Acme", OWNER))
                .expectEvents(new WorkspaceCreatedEvent(WORKSPACE, "Acme", OWNER))
                .expectResultMessagePayload(0L);
    }

    @Test
    void ownersAddMembersAndLearnTheNewVersion() {
        fixture.given(created())
                .when(new AddMemberCommand(WORKSPACE, NEWCOMER, WorkspaceRole.MEMBER, OWNER))
                .expectEvents(new MemberAddedEvent(WORKSPACE, NEWCOMER, WorkspaceRole.MEMBER, OWNER))
                .expectResultMessagePayload(1L);
    }

    @Test
    void adminsAddMembers() {
        fixture.given(created(), added(ADMIN, WorkspaceRole.ADMIN))
                .when(new AddMemberCommand(WORKSPACE, NEWCOMER, WorkspaceRole.VIEWER, ADMIN))
                .expectEvents(new MemberAddedEvent(WORKSPACE, NEWCOMER, WorkspaceRole.VIEWER, ADMIN));
    }

    @Test
    void membersCannotAddMembers() {
        fixture.given(created(), added(MEMBER, WorkspaceRole.MEMBER))
                .when(new AddMemberCommand(WORKSPACE, NEWCOMER, WorkspaceRole.MEMBER, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void adminsCannotMakeOwners() {
        fixture.given(created(), added(ADMIN, WorkspaceRole.ADMIN))
                .when(new AddMemberCommand(WORKSPACE, NEWCOMER, WorkspaceRole.OWNER, ADMIN))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void ownersMakeOwners() {
        fixture.given(created())
                .when(new AddMemberCommand(WORKSPACE, NEWCOMER, WorkspaceRole.OWNER, OWNER))
                .expectEvents(new MemberAddedEvent(WORKSPACE, NEWCOMER, WorkspaceRole.OWNER, OWNER));
    }

    @Test
    void strangersCannotTellTheWorkspaceExists() {
        fixture.given(created())
                .when(new AddMemberCommand(WORKSPACE, NEWCOMER, WorkspaceRole.MEMBER, STRANGER))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void cannotAddAnUnregisteredUser() {
        fixture.given(created())
                .when(new AddMemberCommand(WORKSPACE, UserId.random(), WorkspaceRole.MEMBER, OWNER))
                .expectNoEvents()
                .expectException(rejected(Reason.INVALID));
    }

    @Test
    void cannotAddSomeoneTwice() {
        fixture.given(created(), added(MEMBER, WorkspaceRole.MEMBER))
                .when(new AddMemberCommand(WORKSPACE, MEMBER, WorkspaceRole.ADMIN, OWNER))
                .expectNoEvents()
                .expectException(rejected(Reason.CONFLICT));
    }

    private static WorkspaceCreatedEvent created() {
        return new WorkspaceCreatedEvent(WORKSPACE, "Acme", OWNER);
    }

    private static MemberAddedEvent added(UserId user, WorkspaceRole role) {
        return new MemberAddedEvent(WORKSPACE, user, role, OWNER);
    }

    @Test
    void ownersAndAdminsRemoveMembers() {
        fixture.given(created(), added(ADMIN, WorkspaceRole.ADMIN), added(MEMBER, WorkspaceRole.MEMBER))
                .when(new RemoveMemberCommand(WORKSPACE, MEMBER, ADMIN))
                .expectEvents(new MemberRemovedEvent(WORKSPACE, MEMBER, ADMIN))
                .expectResultMessagePayload(3L);
    }

    @Test
    void anyoneMayLeave() {
        fixture.given(created(), added(MEMBER, WorkspaceRole.VIEWER))
                .when(new RemoveMemberCommand(WORKSPACE, MEMBER, MEMBER))
                .expectEvents(new MemberRemovedEvent(WORKSPACE, MEMBER, MEMBER));
    }

    @Test
    void membersCannotRemoveOthers() {
        fixture.given(created(), added(MEMBER, WorkspaceRole.MEMBER), added(NEWCOMER, WorkspaceRole.MEMBER))
                .when(new RemoveMemberCommand(WORKSPACE, NEWCOMER, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void adminsCannotRemoveAnOwner() {
        fixture.given(created(), added(ADMIN, WorkspaceRole.ADMIN), added(NEWCOMER, WorkspaceRole.OWNER))
                .when(new RemoveMemberCommand(WORKSPACE, NEWCOMER, ADMIN))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void theLastOwnerCannotLeave() {
        fixture.given(created(), added(ADMIN, WorkspaceRole.ADMIN))
                .when(new RemoveMemberCommand(WORKSPACE, OWNER, OWNER))
                .expectNoEvents()
                .expectException(rejected(Reason.CONFLICT));
    }

    @Test
    void anOwnerLeavesWhenAnotherOwnerStays() {
        fixture.given(created(), added(NEWCOMER, WorkspaceRole.OWNER))
                .when(new RemoveMemberCommand(WORKSPACE, OWNER, OWNER))
                .expectEvents(new MemberRemovedEvent(WORKSPACE, OWNER, OWNER));
    }

    @Test
    void removingSomeoneWhoIsNoMemberIsNotFound() {
        fixture.given(created())
                .when(new RemoveMemberCommand(WORKSPACE, STRANGER, OWNER))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void aRemovedMemberCanNoLongerAct() {
        fixture.given(created(), added(MEMBER, WorkspaceRole.ADMIN), new MemberRemovedEvent(WORKSPACE, MEMBER, OWNER))
                .when(new AddMemberCommand(WORKSPACE, NEWCOMER, WorkspaceRole.MEMBER, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }
}
