package dev.taskmesh.server.membership;

import dev.taskmesh.api.workspace.MemberAddedEvent;
import dev.taskmesh.api.workspace.MemberRemovedEvent;
import dev.taskmesh.api.workspace.MemberRoleChangedEvent;
import dev.taskmesh.api.workspace.WorkspaceArchivedEvent;
import dev.taskmesh.api.workspace.WorkspaceCreatedEvent;
import dev.taskmesh.api.workspace.WorkspaceDeletedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.api.workspace.WorkspaceUnarchivedEvent;
import dev.taskmesh.query.config.ReadModelChanges;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the membership table. Its group is subscribing (MembershipConfig), so rows commit in the transaction of the
 * event that causes them: a new member can act the moment the command answers, and no reader sees a stale role.
 */
@Component
@ProcessingGroup(MembershipProjection.PROCESSING_GROUP)
class MembershipProjection {

    static final String PROCESSING_GROUP = "membership";

    private final JdbcClient jdbc;
    private final ReadModelChanges changes;

    MembershipProjection(JdbcClient jdbc, ReadModelChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @EventHandler
    void on(WorkspaceCreatedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        ReadModelChanges.afterCommit(changes, ReadModelChanges.MEMBERS, event.workspaceId());
        jdbc.sql("""
                        INSERT INTO workspace (workspace_id, name, owner_id, created_at)
                        VALUES (:workspaceId, :name, :ownerId, :at)
                        ON CONFLICT (workspace_id) DO NOTHING
                        """)
                .param("workspaceId", event.workspaceId().value())
                .param("name", event.name())
                .param("ownerId", event.ownerId().value())
                .param("at", Timestamp.from(at))
                .update();
        addMember(event.workspaceId().value(), event.ownerId().value(), WorkspaceRole.OWNER, at);
    }

    @EventHandler
    void on(MemberAddedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        ReadModelChanges.afterCommit(changes, ReadModelChanges.MEMBERS, event.workspaceId());
        addMember(event.workspaceId().value(), event.userId().value(), event.role(), at);
    }

    @EventHandler
    void on(MemberRoleChangedEvent event) {
        ReadModelChanges.afterCommit(changes, ReadModelChanges.MEMBERS, event.workspaceId());
        jdbc.sql("UPDATE workspace_member SET role = :role WHERE workspace_id = :workspaceId AND user_id = :userId")
                .param("role", event.role().wireName())
                .param("workspaceId", event.workspaceId().value())
                .param("userId", event.userId().value())
                .update();
    }

    @EventHandler
    void on(WorkspaceArchivedEvent event) {
        archived(event.workspaceId(), true);
    }

    @EventHandler
    void on(WorkspaceUnarchivedEvent event) {
        archived(event.workspaceId(), false);
    }

    /** Everyone's membership ends at once; pending invitations with it. The workspace row stays, marked. */
    @EventHandler
    void on(WorkspaceDeletedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        ReadModelChanges.afterCommit(changes, ReadModelChanges.MEMBERS, event.workspaceId());
        jdbc.sql("DELETE FROM workspace_member WHERE workspace_id = :workspaceId")
                .param("workspaceId", event.workspaceId().value())
                .update();
        jdbc.sql("UPDATE invitation SET status = 'revoked', answered_at = :at WHERE workspace_id = :workspaceId"
                        + " AND status = 'pending'")
                .param("workspaceId", event.workspaceId().value())
                .param("at", Timestamp.from(at))
                .update();
        jdbc.sql("UPDATE workspace SET deleted_at = :at WHERE workspace_id = :workspaceId")
                .param("workspaceId", event.workspaceId().value())
                .param("at", Timestamp.from(at))
                .update();
    }

    /** The invitations, which hold addresses, go with the read models. */
    @EventHandler
    void on(WorkspacePurgedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("DELETE FROM invitation WHERE workspace_id = :workspaceId")
                .param("workspaceId", event.workspaceId().value())
                .update();
        jdbc.sql("UPDATE workspace SET purged_at = :at WHERE workspace_id = :workspaceId")
                .param("workspaceId", event.workspaceId().value())
                .param("at", Timestamp.from(at))
                .update();
    }

    private void archived(WorkspaceId workspaceId, boolean archived) {
        jdbc.sql("UPDATE workspace SET archived = :archived WHERE workspace_id = :workspaceId")
                .param("archived", archived)
                .param("workspaceId", workspaceId.value())
                .update();
    }

    @EventHandler
    void on(MemberRemovedEvent event) {
        ReadModelChanges.afterCommit(changes, ReadModelChanges.MEMBERS, event.workspaceId());
        jdbc.sql("DELETE FROM workspace_member WHERE workspace_id = :workspaceId AND user_id = :userId")
                .param("workspaceId", event.workspaceId().value())
                .param("userId", event.userId().value())
                .update();
    }

    private void addMember(UUID workspaceId, UUID userId, WorkspaceRole role, Instant at) {
        jdbc.sql("""
                        INSERT INTO workspace_member (workspace_id, user_id, role, joined_at)
                        VALUES (:workspaceId, :userId, :role, :at)
                        ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = EXCLUDED.role
                        """)
                .param("workspaceId", workspaceId)
                .param("userId", userId)
                .param("role", role.wireName())
                .param("at", Timestamp.from(at))
                .update();
    }
}
