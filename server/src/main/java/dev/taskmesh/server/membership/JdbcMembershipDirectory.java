package dev.taskmesh.server.membership;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.MemberView;
import dev.taskmesh.api.workspace.Membership;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.api.workspace.WorkspaceSummary;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The one implementation of the membership port, and the membership lists the HTTP API serves. */
@Component
class JdbcMembershipDirectory implements MembershipDirectory {

    private final JdbcClient jdbc;

    JdbcMembershipDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<WorkspaceRole> roleOf(WorkspaceId workspaceId, UserId userId) {
        return jdbc.sql("SELECT role FROM workspace_member WHERE workspace_id = :workspaceId AND user_id = :userId")
                .param("workspaceId", workspaceId.value())
                .param("userId", userId.value())
                .query((rs, row) -> WorkspaceRole.fromWireName(rs.getString("role")))
                .optional();
    }

    /** For the checks the HTTP layer makes before reading a body: owner-only changes answer 403 first. */
    boolean isOwner(WorkspaceId workspaceId, UserId userId) {
        return roleOf(workspaceId, userId).filter(WorkspaceRole.OWNER::equals).isPresent();
    }

    @Override
    public Optional<Membership> membershipOf(WorkspaceId workspaceId, UserId userId) {
        return jdbc.sql("""
                        SELECT m.role, w.archived
                          FROM workspace_member m JOIN workspace w ON w.workspace_id = m.workspace_id
                         WHERE m.workspace_id = :workspaceId AND m.user_id = :userId
                        """)
                .param("workspaceId", workspaceId.value())
                .param("userId", userId.value())
                .query((rs, row) ->
                        new Membership(WorkspaceRole.fromWireName(rs.getString("role")), rs.getBoolean("archived")))
                .optional();
    }

    @Override
    public List<WorkspaceId> workspacesOf(UserId userId) {
        return jdbc.sql("SELECT workspace_id FROM workspace_member WHERE user_id = :userId")
                .param("userId", userId.value())
                .query((rs, row) -> new WorkspaceId(rs.getObject(1, java.util.UUID.class)))
                .list();
    }

    @Override
    public Map<String, UserId> membersByHandle(WorkspaceId workspaceId, Collection<String> handles) {
        if (handles.isEmpty()) {
            return Map.of();
        }
        Map<String, UserId> members = new HashMap<>();
        jdbc.sql("""
                        SELECT a.handle, a.user_id
                        FROM workspace_member m JOIN user_account a ON a.user_id = m.user_id
                        WHERE m.workspace_id = :workspaceId AND a.handle IN (:handles)
                        """)
                .param("workspaceId", workspaceId.value())
                .param("handles", List.copyOf(handles))
                .query(rs -> {
                    members.put(rs.getString("handle"), new UserId(rs.getObject("user_id", UUID.class)));
                });
        return members;
    }

    /** The caller's workspaces after position {@code after}, one more than {@code limit} to tell if more exist. */
    List<Ranked<WorkspaceSummary>> workspacesOf(UserId userId, long after, int limit) {
        return jdbc.sql("""
                        SELECT m.seq, w.workspace_id, w.name, m.role, w.created_at, w.archived
                        FROM workspace_member m JOIN workspace w ON w.workspace_id = m.workspace_id
                        WHERE m.user_id = :userId AND m.seq > :after
                        ORDER BY m.seq LIMIT :limit
                        """)
                .param("userId", userId.value())
                .param("after", after)
                .param("limit", limit + 1)
                .query((rs, row) -> new Ranked<>(
                        rs.getLong("seq"),
                        new WorkspaceSummary(
                                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                                rs.getString("name"),
                                WorkspaceRole.fromWireName(rs.getString("role")),
                                rs.getTimestamp("created_at").toInstant(),
                                rs.getBoolean("archived"))))
                .list();
    }

    Optional<WorkspaceSummary> workspace(WorkspaceId workspaceId, UserId userId) {
        return jdbc.sql("""
                        SELECT w.workspace_id, w.name, m.role, w.created_at, w.archived
                        FROM workspace w JOIN workspace_member m ON m.workspace_id = w.workspace_id
                        WHERE w.workspace_id = :workspaceId AND m.user_id = :userId
                        """)
                .param("workspaceId", workspaceId.value())
                .param("userId", userId.value())
                .query((rs, row) -> new WorkspaceSummary(
                        workspaceId,
                        rs.getString("name"),
                        WorkspaceRole.fromWireName(rs.getString("role")),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getBoolean("archived")))
                .optional();
    }

    List<Ranked<MemberView>> membersOf(WorkspaceId workspaceId, long after, int limit) {
        return jdbc.sql("""
                        SELECT m.seq, m.user_id, a.handle, a.display_name, m.role, m.joined_at
                        FROM workspace_member m JOIN user_account a ON a.user_id = m.user_id
                        WHERE m.workspace_id = :workspaceId AND m.seq > :after
                        ORDER BY m.seq LIMIT :limit
                        """)
                .param("workspaceId", workspaceId.value())
                .param("after", after)
                .param("limit", limit + 1)
                .query((rs, row) -> new Ranked<>(
                        rs.getLong("seq"),
                        new MemberView(
                                new UserId(rs.getObject("user_id", UUID.class)),
                                rs.getString("handle"),
                                rs.getString("display_name"),
                                WorkspaceRole.fromWireName(rs.getString("role")),
                                rs.getTimestamp("joined_at").toInstant())))
                .list();
    }
}
