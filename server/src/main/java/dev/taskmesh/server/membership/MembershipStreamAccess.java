package dev.taskmesh.server.membership;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.realtime.socket.StreamAccess;
import dev.taskmesh.realtime.stream.StreamName;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stream authorisation from the membership table, on every subscribe. A task stream belongs to the task's workspace,
 * looked up in the command side's task registry (by task id alone: finding the workspace is the point): written with
 * the task's creation, so a client may follow a task the moment its create command answered.
 */
@Component
class MembershipStreamAccess implements StreamAccess {

    private final MembershipDirectory memberships;
    private final JdbcClient jdbc;

    MembershipStreamAccess(MembershipDirectory memberships, JdbcClient jdbc) {
        this.memberships = memberships;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Grant> grant(UserId userId, StreamName stream) {
        return switch (stream.kind()) {
            case USER -> stream.id().equals(userId.value()) ? Optional.of(new Grant(null)) : Optional.empty();
            case WORKSPACE -> member(stream.id(), userId);
            case TASK ->
                jdbc.sql("SELECT workspace_id FROM task_registry WHERE task_id = :taskId")
                        .param("taskId", stream.id())
                        .query(UUID.class)
                        .optional()
                        .flatMap(workspaceId -> member(workspaceId, userId));
        };
    }

    private Optional<Grant> member(UUID workspaceId, UserId userId) {
        return memberships.roleOf(new WorkspaceId(workspaceId), userId).map(role -> new Grant(workspaceId));
    }
}
