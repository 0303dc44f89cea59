package dev.taskmesh.query.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.comment.CommentId;
import dev.taskmesh.api.comment.CommentPostedEvent;
import dev.taskmesh.api.notification.DueReminderSentEvent;
import dev.taskmesh.api.notification.NotificationKind;
import dev.taskmesh.api.task.TaskAssignedEvent;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.task.TaskStatus;
import dev.taskmesh.api.task.TaskStatusChangedEvent;
import dev.taskmesh.api.workspace.MemberRemovedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.query.notification.NotificationRules.Recipient;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationRulesTest {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final TaskId TASK = TaskId.random();
    private static final UserId ANN = UserId.random();
    private static final UserId BOB = UserId.random();
    private static final UserId CY = UserId.random();
    private static final UserId FORMER = UserId.random();

    private final NotificationRules.Facts facts = new NotificationRules.Facts() {
        @Override
        public Set<UserId> members(WorkspaceId workspaceId) {
            return Set.of(ANN, BOB, CY);
        }

        @Override
        public Set<UserId> watchers(TaskId taskId) {
            return Set.of(ANN, BOB, FORMER);
        }
    };

    @Test
    void theAssigneeIsToldUnlessTheyAssignedThemselves() {
        assertThat(recipients(new TaskAssignedEvent(TASK, WORKSPACE, BOB, null, ANN)))
                .containsExactly(new Recipient(BOB, NotificationKind.ASSIGNED, null));
        assertThat(recipients(new TaskAssignedEvent(TASK, WORKSPACE, BOB, null, BOB)))
                .isEmpty();
        assertThat(recipients(new TaskAssignedEvent(TASK, WORKSPACE, FORMER, null, ANN)))
                .isEmpty();
    }

    @Test
    void aCommentTellsTheMentionedOnceAndTheOtherWatchersButNotItsAuthorOrFormerMembers() {
        List<Recipient> told = recipients(new CommentPostedEvent(
                CommentId.random(), TASK, WORKSPACE, ANN, "  hi   @bob\n@cy  ", List.of(BOB, CY, ANN)));
        assertThat(told)
                .containsExactlyInAnyOrder(
                        new Recipient(BOB, NotificationKind.MENTIONED, "hi @bob @cy"),
                        new Recipient(CY, NotificationKind.MENTIONED, "hi @bob @cy"));
    }

    @Test
    void watchersHearOfOthersStatusChanges() {
        assertThat(recipients(new TaskStatusChangedEvent(TASK, WORKSPACE, TaskStatus.TODO, TaskStatus.DONE, "a0", ANN)))
                .containsExactly(new Recipient(BOB, NotificationKind.STATUS_CHANGED, "todo → done"));
    }

    @Test
    void aRemovalIsNewsOnlyWhenSomeoneElseDidIt() {
        assertThat(recipients(new MemberRemovedEvent(WORKSPACE, FORMER, ANN)))
                .containsExactly(new Recipient(FORMER, NotificationKind.MEMBER_REMOVED, null));
        assertThat(recipients(new MemberRemovedEvent(WORKSPACE, BOB, BOB))).isEmpty();
    }

    @Test
    void aDueReminderGoesToItsAssigneeWhileAMember() {
        LocalDate due = LocalDate.of(2026, 12, 24);
        assertThat(recipients(new DueReminderSentEvent(BOB, TASK, WORKSPACE, due)))
                .containsExactly(new Recipient(BOB, NotificationKind.DUE_SOON, "due 2026-12-24"));
        assertThat(recipients(new DueReminderSentEvent(FORMER, TASK, WORKSPACE, due)))
                .isEmpty();
    }

    @Test
    void excerptsAreOneLineAndAtMost140Characters() {
        String excerpt = NotificationRules.excerpt("é".repeat(200));
        assertThat(excerpt.codePointCount(0, excerpt.length())).isEqualTo(140);
        assertThat(excerpt).endsWith("…");
        assertThat(NotificationRules.excerpt("a\n\tb")).isEqualTo("a b");
    }

    private List<Recipient> recipients(Object event) {
        return NotificationRules.recipients(event, facts);
    }
}
