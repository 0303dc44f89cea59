package dev.taskmesh.command.workspace;

import static dev.taskmesh.command.Rejections.rejected;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import dev.taskmesh.api.workspace.AddMemberCommand;
import dev.taskmesh.api.workspace.ArchiveWorkspaceCommand;
import dev.taskmesh.api.workspace.DeleteWorkspaceCommand;
import dev.taskmesh.api.workspace.InviteMemberCommand;
import dev.taskmesh.api.workspace.MemberAddedEvent;
import dev.taskmesh.api.workspace.MemberRemovedEvent;
import dev.taskmesh.api.workspace.PurgeWorkspaceCommand;
import dev.taskmesh.api.workspace.RemoveMemberCommand;
import dev.taskmesh.api.workspace.WorkspaceArchivedEvent;
import dev.taskmesh.api.workspace.WorkspaceCreatedEvent;
import dev.taskmesh.api.workspace.WorkspaceDeletedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.api.workspace.WorkspaceUnarchivedEvent;
import dev.taskmesh.command.account.AccountDirectory;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Archiving and deleting a workspace: owners only; an archived workspace takes no new members until it is
 * unarchived, a deleted one is as if it did not exist, and is purged once.
 */
class WorkspaceLifecycleTest {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final UserId OWNER = UserId.random();
    private static final UserId ADMIN = UserId.random();

    private AggregateTestFixture<Workspace> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Workspace.class);
        fixture.registerInjectableResource((AccountDirectory) user -> true);
    }

    @Test
    void ownersArchiveAndUnarchive() {
        fixture.given(created(), adminAdded())
                .when(new ArchiveWorkspaceCommand(WORKSPACE, true, OWNER))
                .expectEvents(new WorkspaceArchivedEvent(WORKSPACE, OWNER));
        fixture.given(created(), adminAdded(), new WorkspaceArchivedEvent(WORKSPACE, OWNER))
                .when(new ArchiveWorkspaceCommand(WORKSPACE, false, OWNER))
                .expectEvents(new WorkspaceUnarchivedEvent(WORKSPACE, OWNER));
    }

    @Test
    void adminsDoNotArchive() {
        fixture.given(created(), adminAdded())
                .when(new ArchiveWorkspaceCommand(WORKSPACE, true, ADMIN))
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void archivingWhatIsArchivedChangesNothing() {
        fixture.given(created(), new WorkspaceArchivedEvent(WORKSPACE, OWNER))
                .when(new ArchiveWorkspaceCommand(WORKSPACE, true, OWNER))
                .expectNoEvents();
    }

    @Test
    void anArchivedWorkspaceTakesNoMembersOrInvitationsButMembersMayLeave() {
        fixture.given(created(), adminAdded(), new WorkspaceArchivedEvent(WORKSPACE, OWNER))
                .when(new AddMemberCommand(WORKSPACE, UserId.random(), WorkspaceRole.MEMBER, OWNER))
                .expectException(rejected(Reason.CONFLICT));
        fixture.given(created(), adminAdded(), new WorkspaceArchivedEvent(WORKSPACE, OWNER))
                .when(new InviteMemberCommand(WORKSPACE, UUID.randomUUID(), WorkspaceRole.MEMBER, OWNER))
                .expectException(rejected(Reason.CONFLICT));
        fixture.given(created(), adminAdded(), new WorkspaceArchivedEvent(WORKSPACE, OWNER))
                .when(new RemoveMemberCommand(WORKSPACE, ADMIN, ADMIN))
                .expectEvents(new MemberRemovedEvent(WORKSPACE, ADMIN, ADMIN));
    }

    private static WorkspaceCreatedEvent created() {
        return new WorkspaceCreatedEvent(WORKSPACE, "Acme", OWNER);
    }

    private static MemberAddedEvent adminAdded() {
        return new MemberAddedEvent(WORKSPACE, ADMIN, WorkspaceRole.ADMIN, OWNER);
    }

    @Test
    void ownersDeleteAndThenTheWorkspaceIsUnknownToAll() {
        fixture.given(created(), adminAdded())
                .when(new DeleteWorkspaceCommand(WORKSPACE, ADMIN))
                .expectException(rejected(Reason.FORBIDDEN));
        fixture.given(created(), adminAdded())
                .when(new DeleteWorkspaceCommand(WORKSPACE, OWNER))
                .expectEvents(new WorkspaceDeletedEvent(WORKSPACE, OWNER));
        fixture.given(created(), adminAdded(), new WorkspaceDeletedEvent(WORKSPACE, OWNER))
                .when(new RemoveMemberCommand(WORKSPACE, ADMIN, ADMIN))
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void onlyADeletedWorkspaceIsPurgedAndOnlyOnce() {
        fixture.given(created()).when(new PurgeWorkspaceCommand(WORKSPACE)).expectNoEvents();
        fixture.given(created(), new WorkspaceDeletedEvent(WORKSPACE, OWNER))
                .when(new PurgeWorkspaceCommand(WORKSPACE))
                .expectEvents(new WorkspacePurgedEvent(WORKSPACE));
        fixture.given(created(), new WorkspaceDeletedEvent(WORKSPACE, OWNER), new WorkspacePurgedEvent(WORKSPACE))
                .when(new PurgeWorkspaceCommand(WORKSPACE))
                .expectNoEvents();
    }
}
