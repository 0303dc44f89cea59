package dev.taskmesh.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.account.UserRegisteredEvent;
import dev.taskmesh.api.comment.CommentId;
import dev.taskmesh.api.comment.CommentPostedEvent;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.project.ProjectRenamedEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.task.TaskStatusChangedEvent;
import dev.taskmesh.api.workspace.MemberAddedEvent;
import dev.taskmesh.api.workspace.MemberRemovedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamRoutingTest {

    static final WorkspaceId WORKSPACE = WorkspaceId.random();
    static final TaskId TASK = TaskId.random();
    static final UserId USER = UserId.random();

    @Test
    void aTaskEventGoesToItsWorkspaceAndItsTask() {
        var route = StreamRouting.of(
                new TaskStatusChangedEvent(TASK, WORKSPACE, TaskStatus.TODO, TaskStatus.IN_PROGRESS, "a0", USER));
        assertThat(route.workspaceId()).isEqualTo(WORKSPACE.value());
        assertThat(route.streams())
                .containsExactly(StreamName.workspace(WORKSPACE.value()), StreamName.task(TASK.value()));
    }

    @Test
    void aCommentGoesToItsTasksStream() {
        var route =
                StreamRouting.of(new CommentPostedEvent(CommentId.random(), TASK, WORKSPACE, USER, "hi", List.of()));
        assertThat(route.streams())
                .containsExactly(StreamName.workspace(WORKSPACE.value()), StreamName.task(TASK.value()));
    }

    @Test
    void aProjectEventGoesToItsWorkspaceOnly() {
        var route = StreamRouting.of(new ProjectRenamedEvent(ProjectId.random(), WORKSPACE, "Board", USER));
        assertThat(route.streams()).containsExactly(StreamName.workspace(WORKSPACE.value()));
    }

    @Test
    void joiningAWorkspaceIsAlsoNewsForTheNewMemberAlone() {
        var route = StreamRouting.of(new MemberAddedEvent(WORKSPACE, USER, WorkspaceRole.MEMBER, UserId.random()));
        assertThat(route.streams())
                .containsExactly(StreamName.workspace(WORKSPACE.value()), StreamName.user(USER.value()));
    }

    @Test
    void leavingAWorkspaceReachesTheFormerMembersOwnStream() {
        var route = StreamRouting.of(new MemberRemovedEvent(WORKSPACE, USER, UserId.random()));
        assertThat(route.streams())
                .containsExactly(StreamName.workspace(WORKSPACE.value()), StreamName.user(USER.value()));
    }

    @Test
    void anAccountEventConcernsItsUserOutsideAnyWorkspace() {
        var route = StreamRouting.of(new UserRegisteredEvent(USER, "ada", "Ada"));
        assertThat(route.workspaceId()).isNull();
        assertThat(route.streams()).containsExactly(StreamName.user(USER.value()));
    }

    @Test
    void somethingThatIsNoDomainEventGoesNowhere() {
        assertThat(StreamRouting.of("not an event").streams()).isEmpty();
    }
}
