package dev.taskmesh.command.task;

import static dev.taskmesh.command.Rejections.rejected;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.AddAttachmentCommand;
import dev.taskmesh.api.task.AttachmentAddedEvent;
import dev.taskmesh.api.task.AttachmentId;
import dev.taskmesh.api.task.AttachmentRejectedEvent;
import dev.taskmesh.api.task.AttachmentRemovedEvent;
import dev.taskmesh.api.task.AttachmentScannedEvent;
import dev.taskmesh.api.task.DeleteTaskCommand;
import dev.taskmesh.api.task.RecordAttachmentScanCommand;
import dev.taskmesh.api.task.RemoveAttachmentCommand;
import dev.taskmesh.api.task.TaskCreatedEvent;
import dev.taskmesh.api.task.TaskDeletedEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.command.TestDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A task's files: added while they wait for their scan, then clean or rejected once, removed with the task. */
class TaskAttachmentsTest {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final WorkspaceId OTHER_WORKSPACE = WorkspaceId.random();
    private static final ProjectId PROJECT = ProjectId.random();
    private static final TaskId TASK = TaskId.random();
    private static final AttachmentId FILE = AttachmentId.random();
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
                .member(OTHER_WORKSPACE, STRANGER, WorkspaceRole.OWNER, "stranger");
        fixture = new AggregateTestFixture<>(Task.class);
        fixture.registerInjectableResource((MembershipDirectory) directory);
    }

    @Test
    void membersAddFilesThatWaitForTheirScan() {
        fixture.given(created())
                .when(add(FILE, MEMBER))
                .expectEvents(added(FILE))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aRetriedUploadAddsNothingTwice() {
        fixture.given(created(), added(FILE)).when(add(FILE, MEMBER)).expectNoEvents();
    }

    @Test
    void viewersCannotAddFiles() {
        fixture.given(created()).when(add(FILE, VIEWER)).expectNoEvents().expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void strangersCannotTellTheTaskExists() {
        fixture.given(created())
                .when(new AddAttachmentCommand(TASK, OTHER_WORKSPACE, FILE, "a.txt", "text/plain", 3, "00", STRANGER))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void aTaskHoldsAtMostAHundredFiles() {
        List<Object> history = new ArrayList<>(List.of(created()));
        IntStream.range(0, Task.MAX_ATTACHMENTS).forEach(i -> history.add(added(AttachmentId.random())));
        fixture.given(history).when(add(FILE, MEMBER)).expectNoEvents().expectException(rejected(Reason.CONFLICT));
    }

    @Test
    void rejectedFilesDoNotCountAgainstTheLimit() {
        List<Object> history = new ArrayList<>(List.of(created()));
        IntStream.range(0, Task.MAX_ATTACHMENTS).forEach(i -> {
            AttachmentId rejected = AttachmentId.random();
            history.add(added(rejected));
            history.add(new AttachmentRejectedEvent(TASK, WORKSPACE, rejected, "notes.txt", "malware", MEMBER));
        });
        fixture.given(history).when(add(FILE, MEMBER)).expectEvents(added(FILE));
    }

    @Test
    void aCleanScanMakesTheFileAvailable() {
        fixture.given(created(), added(FILE))
                .when(new RecordAttachmentScanCommand(TASK, WORKSPACE, FILE, "text/plain", null))
                .expectEvents(new AttachmentScannedEvent(TASK, WORKSPACE, FILE, "text/plain"));
    }

    @Test
    void aRejectionTellsTheUploader() {
        fixture.given(created(), added(FILE))
                .when(new RecordAttachmentScanCommand(TASK, WORKSPACE, FILE, "text/plain", "Eicar-Test-Signature"))
                .expectEvents(new AttachmentRejectedEvent(
                        TASK, WORKSPACE, FILE, "notes.txt", "Eicar-Test-Signature", MEMBER));
    }

    @Test
    void aFileIsJudgedOnce() {
        fixture.given(created(), added(FILE), new AttachmentScannedEvent(TASK, WORKSPACE, FILE, "text/plain"))
                .when(new RecordAttachmentScanCommand(TASK, WORKSPACE, FILE, "text/plain", "late verdict"))
                .expectNoEvents();
    }

    @Test
    void aVerdictOnARemovedFileIsIgnored() {
        fixture.given(created(), added(FILE), new AttachmentRemovedEvent(TASK, WORKSPACE, FILE, MEMBER))
                .when(new RecordAttachmentScanCommand(TASK, WORKSPACE, FILE, "text/plain", null))
                .expectNoEvents();
    }

    @Test
    void anyMemberRemovesAFile() {
        fixture.given(created(), added(FILE))
                .when(new RemoveAttachmentCommand(TASK, WORKSPACE, FILE, null, COLLEAGUE))
                .expectEvents(new AttachmentRemovedEvent(TASK, WORKSPACE, FILE, COLLEAGUE));
    }

    @Test
    void aRemovedFileIsUnknown() {
        fixture.given(created(), added(FILE), new AttachmentRemovedEvent(TASK, WORKSPACE, FILE, MEMBER))
                .when(new RemoveAttachmentCommand(TASK, WORKSPACE, FILE, null, MEMBER))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void deletingTheTaskRemovesEachOfItsFiles() {
        AttachmentId second = AttachmentId.random();
        fixture.given(created(), added(FILE), added(second))
                .when(new DeleteTaskCommand(TASK, WORKSPACE, null, MEMBER))
                .expectEvents(
                        new AttachmentRemovedEvent(TASK, WORKSPACE, FILE, MEMBER),
                        new AttachmentRemovedEvent(TASK, WORKSPACE, second, MEMBER),
                        new TaskDeletedEvent(TASK, WORKSPACE, MEMBER));
    }

    private static TaskCreatedEvent created() {
        return new TaskCreatedEvent(TASK, WORKSPACE, PROJECT, "Ship it", "soon", TaskStatus.TODO, "a2", MEMBER);
    }

    private static AddAttachmentCommand add(AttachmentId attachment, UserId by) {
        return new AddAttachmentCommand(TASK, WORKSPACE, attachment, "notes.txt", "text/plain", 12, "ab12", by);
    }

    private static AttachmentAddedEvent added(AttachmentId attachment) {
        return new AttachmentAddedEvent(TASK, WORKSPACE, attachment, "notes.txt", "text/plain", 12, "ab12", MEMBER);
    }
}
