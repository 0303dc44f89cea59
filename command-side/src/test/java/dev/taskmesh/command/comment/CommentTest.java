package dev.taskmesh.command.comment;

import static dev.taskmesh.command.Rejections.rejected;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.comment.CommentDeletedEvent;
import dev.taskmesh.api.comment.CommentEditedEvent;
import dev.taskmesh.api.comment.CommentId;
import dev.taskmesh.api.comment.CommentPostedEvent;
import dev.taskmesh.api.comment.DeleteCommentCommand;
import dev.taskmesh.api.comment.EditCommentCommand;
import dev.taskmesh.api.comment.PostCommentCommand;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.command.TestDirectory;
import dev.taskmesh.command.task.TaskRegistry;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommentTest {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final TaskId TASK = TaskId.random();
    private static final TaskId OTHER_TASK = TaskId.random();
    private static final CommentId COMMENT = CommentId.random();
    private static final UserId AUTHOR = UserId.random();
    private static final UserId COLLEAGUE = UserId.random();
    private static final UserId ADMIN = UserId.random();
    private static final UserId VIEWER = UserId.random();

    private AggregateTestFixture<Comment> fixture;

    @BeforeEach
    void fixture() {
        TestDirectory directory = new TestDirectory()
                .member(WORKSPACE, AUTHOR, WorkspaceRole.MEMBER, "author")
                .member(WORKSPACE, COLLEAGUE, WorkspaceRole.MEMBER, "colleague")
                .member(WORKSPACE, ADMIN, WorkspaceRole.ADMIN, "admin")
                .member(WORKSPACE, VIEWER, WorkspaceRole.VIEWER, "viewer")
                .task(WORKSPACE, TASK, ProjectId.random(), TaskStatus.TODO, "i");
        fixture = new AggregateTestFixture<>(Comment.class);
        fixture.registerInjectableResource((MembershipDirectory) directory);
        fixture.registerInjectableResource((TaskRegistry) directory);
    }

    @Test
    void membersCommentAndMentionedMembersAreResolved() {
        fixture.givenNoPriorActivity()
                .when(new PostCommentCommand(COMMENT, TASK, WORKSPACE, "@colleague see @stranger", AUTHOR))
                .expectEvents(new CommentPostedEvent(
                        COMMENT, TASK, WORKSPACE, AUTHOR, "@colleague see @stranger", List.of(COLLEAGUE)))
                .expectResultMessagePayload(0L);
    }

    @Test
    void viewersCannotComment() {
        fixture.givenNoPriorActivity()
                .when(new PostCommentCommand(COMMENT, TASK, WORKSPACE, "hi", VIEWER))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void cannotCommentOnAnUnknownTask() {
        fixture.givenNoPriorActivity()
                .when(new PostCommentCommand(COMMENT, OTHER_TASK, WORKSPACE, "hi", AUTHOR))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void authorsEditAndMentionsAreResolvedAgain() {
        fixture.given(posted())
                .when(new EditCommentCommand(COMMENT, TASK, WORKSPACE, "thanks @admin", null, AUTHOR))
                .expectEvents(
                        new CommentEditedEvent(COMMENT, TASK, WORKSPACE, "thanks @admin", List.of(ADMIN), AUTHOR));
    }

    @Test
    void othersCannotEdit() {
        fixture.given(posted())
                .when(new EditCommentCommand(COMMENT, TASK, WORKSPACE, "mine now", null, ADMIN))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void authorsDeleteTheirComments() {
        fixture.given(posted())
                .when(new DeleteCommentCommand(COMMENT, TASK, WORKSPACE, null, AUTHOR))
                .expectEvents(new CommentDeletedEvent(COMMENT, TASK, WORKSPACE, AUTHOR));
    }

    @Test
    void adminsDeleteAnyComment() {
        fixture.given(posted())
                .when(new DeleteCommentCommand(COMMENT, TASK, WORKSPACE, null, ADMIN))
                .expectEvents(new CommentDeletedEvent(COMMENT, TASK, WORKSPACE, ADMIN));
    }

    @Test
    void membersCannotDeleteOthersComments() {
        fixture.given(posted())
                .when(new DeleteCommentCommand(COMMENT, TASK, WORKSPACE, null, COLLEAGUE))
                .expectNoEvents()
                .expectException(rejected(Reason.FORBIDDEN));
    }

    @Test
    void aCommentIsUnknownUnderAnotherTask() {
        fixture.given(posted())
                .when(new DeleteCommentCommand(COMMENT, OTHER_TASK, WORKSPACE, null, AUTHOR))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    @Test
    void deletedCommentsAreUnknown() {
        fixture.given(posted(), new CommentDeletedEvent(COMMENT, TASK, WORKSPACE, AUTHOR))
                .when(new EditCommentCommand(COMMENT, TASK, WORKSPACE, "back", null, AUTHOR))
                .expectNoEvents()
                .expectException(rejected(Reason.NOT_FOUND));
    }

    private static CommentPostedEvent posted() {
        return new CommentPostedEvent(COMMENT, TASK, WORKSPACE, AUTHOR, "first", List.of());
    }
}
