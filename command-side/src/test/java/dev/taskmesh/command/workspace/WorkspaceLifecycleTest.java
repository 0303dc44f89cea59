package dev.taskmesh.command.workspace;

import static dev.taskmesh.command.Rejections.rejected;
import static dev.taskmesh.command.workspace.Team.ADMIN;
import static dev.taskmesh.command.workspace.Team.OWNER;
import static dev.taskmesh.command.workspace.Team.WORKSPACE;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import dev.taskmesh.api.workspace.AddMemberCommand;
import dev.taskmesh.api.workspace.ArchiveWorkspaceCommand;
import dev.taskmesh.api.workspace.DeleteWorkspaceCommand;
import dev.taskmesh.api.workspace.InviteMemberCommand;
import dev.taskmesh.api.workspace.MemberRemovedEvent;
import dev.taskmesh.api.workspace.PurgeWorkspaceCommand;
import dev.taskmesh.api.workspace.RemoveMemberCommand;
import dev.taskmesh.api.workspace.WorkspaceArchivedEvent;
import dev.taskmesh.api.workspace.WorkspaceDeletedEvent;
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.api.workspace.WorkspaceUnarchivedEvent;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Archiving and deleting a workspace: owners only; an archived workspace takes no new members until it is
 * unarchived, a deleted one is as if it did not exist, and is purged once.
 */
class WorkspaceLifecycleTest {

    private AggregateTestFixture<Workspace> fixture;

    @BeforeEach
    void fixture() {
        fixture = Team.fixture();
    }

    @Test
    void ownersArchiveAndUnarchive() {
        fixture.given(Team.history())
                .when(new ArchiveWorkspaceCommand(WORKSPACE, true, OWNER))
                .expectEvents(new WorkspaceArchivedEvent(WORKSPACE, OWNER));
        fixture.given(Team.history(new WorkspaceArchivedEvent(WORKSPACE, OWNER)))
                .when(new ArchiveWorkspaceCommand(WORKSPACE, false, OWNER))
                .expectEvents(new WorkspaceUnarchivedEvent(WORKSPACE, OWNER));
    }

    @Test
    void adminsDoNotArchive() {
        fixture.given(Team.history())
                .when(new ArchiveWorkspaceCommand(WORKSPACE, true, ADMIN))
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void leavingArchivedOutChangesNothing() {
        fixture.given(Team.history())
                .when(new ArchiveWorkspaceCommand(WORKSPACE, null, OWNER))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void archivingWhatIsArchivedChangesNothing() {
        fixture.given(Team.history(new WorkspaceArchivedEvent(WORKSPACE, OWNER)))
                .when(new ArchiveWorkspaceCommand(WORKSPACE, true, OWNER))
                .expectNoEvents();
    }

    @Test
    void anArchivedWorkspaceTakesNoMembersOrInvitationsButMembersMayLeave() {
        fixture.given(Team.history(new WorkspaceArchivedEvent(WORKSPACE, OWNER)))
                .when(new AddMemberCommand(WORKSPACE, UserId.random(), WorkspaceRole.MEMBER, OWNER))
                .expectException(rejected(Reason.CONFLICT));
        fixture.given(Team.history(new WorkspaceArchivedEvent(WORKSPACE, OWNER)))
                .when(new InviteMemberCommand(WORKSPACE, UUID.randomUUID(), WorkspaceRole.MEMBER, OWNER))
                .expectException(rejected(Reason.CONFLICT));
        fixture.given(Team.history(new WorkspaceArchivedEvent(WORKSPACE, OWNER)))
                .when(new RemoveMemberCommand(WORKSPACE, ADMIN, ADMIN))
                .expectEvents(new MemberRemovedEvent(WORKSPACE, ADMIN, ADMIN));
    }

    @Test
    void ownersDeleteAndThenTheWorkspaceIsUnknownToAll() {
        fixture.given(Team.history())
                .when(new DeleteWorkspaceCommand(WORKSPACE, ADMIN))
                .expectException(rejected(Reason.FORBIDDEN));
        fixture.given(Team.history())
                .when(new DeleteWorkspaceCommand(WORKSPACE, OWNER))
                .expectEvents(new WorkspaceDeletedEvent(WORKSPACE, OWNER));
        fixture.given(Team.history(new WorkspaceDeletedEvent(WORKSPACE, OWNER)))
                .when(new RemoveMemberCommand(WORKSPACE, ADMIN, ADMIN))
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void onlyADeletedWorkspaceIsPurgedAndOnlyOnce() {
        fixture.given(Team.history()).when(new PurgeWorkspaceCommand(WORKSPACE)).expectNoEvents();
        fixture.given(Team.history(new WorkspaceDeletedEvent(WORKSPACE, OWNER)))
                .when(new PurgeWorkspaceCommand(WORKSPACE))
                .expectEvents(new WorkspacePurgedEvent(WORKSPACE));
        fixture.given(Team.history(new WorkspaceDeletedEvent(WORKSPACE, OWNER), new WorkspacePurgedEvent(WORKSPACE)))
                .when(new PurgeWorkspaceCommand(WORKSPACE))
                .expectNoEvents();
    }
}
