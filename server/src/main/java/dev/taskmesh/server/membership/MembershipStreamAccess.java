package dev.taskmesh.server.membership;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.realtime.socket.StreamAccess;
import dev.taskmesh.realtime.stream.StreamName;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stream authorisation from the membership table, on every subscribe. A task stream belongs to the task's workspace,
 * looked up in the command side's task registry: written with the task's creation, so a client may follow a task the
 * moment its create command answered.
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
    public boolean maySubscribe(UserId userId, StreamName stream) {
        return switch (stream.kind()) {
            case USER -> stream.id().equals(userId.value());
            case WORKSPACE -> isMember(stream.id(), userId);
            case TASK ->
                jdbc.sql("SELECT workspace_id FROM task_registry WHERE task_id = :taskId")
                        .param("taskId", stream.id())
                        .query(UUID.class)
                        .optional()
                        .map(workspaceId -> isMember(workspaceId, userId))
                        .orElse(false);
        };
    }

    private boolean isMember(UUID workspaceId, UserId userId) {
        return memberships.roleOf(new WorkspaceId(workspaceId), userId).isPresent();
    }
}
