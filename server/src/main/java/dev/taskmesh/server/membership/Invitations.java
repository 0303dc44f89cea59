package dev.taskmesh.server.membership;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.workspace.AcceptInvitationCommand;
import dev.taskmesh.api.workspace.DeclineInvitationCommand;
import dev.taskmesh.api.workspace.InvitationView;
import dev.taskmesh.api.workspace.InviteMemberCommand;
import dev.taskmesh.api.workspace.RevokeInvitationCommand;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.command.config.CommandSender;
import dev.taskmesh.server.auth.AccountProperties;
import dev.taskmesh.server.auth.OpaqueTokens;
import dev.taskmesh.server.web.ProblemException;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations by email address. The invitation table holds the address, the expiry and the link's token hash, and
 * changes in the same transaction as the workspace's command, which decides who may invite and whether an invitation
 * still stands. Whoever follows the emailed link may answer; without the link, a signed-in user whose verified
 * address is the invited one may. An unverified address proves nothing: anyone can sign up with anyone's address.
 */
@Component
class Invitations {

    private final JdbcClient jdbc;
    private final CommandSender commands;
    private final InvitationEmails emails;
    private final AccountProperties properties;
    private final Clock clock;

    Invitations(
            JdbcClient jdbc,
            CommandSender commands,
            InvitationEmails emails,
            AccountProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.emails = emails;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Invites the address, unless it belongs to a member already (then nothing happens, and the caller is told the
     * same as otherwise). An earlier pending invitation of the address to this workspace is revoked: the newest wins.
     */
    @Transactional
    void invite(WorkspaceId workspace, String email, WorkspaceRole role, UserId by) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        boolean member = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM workspace_member m JOIN user_account a ON a.user_id = m.user_id
                                        WHERE m.workspace_id = :workspaceId AND lower(a.email) = :email)
                        """)
                .param("workspaceId", workspace.value())
                .param("email", address)
                .query(Boolean.class)
                .single();
        if (member) {
            return;
        }
        for (UUID earlier : jdbc.sql("""
                        SELECT invitation_id FROM invitation
                         WHERE workspace_id = :workspaceId AND lower(email) = :email AND status = 'pending'
                        """)
                .param("workspaceId", workspace.value())
                .param("email", address)
                .query(UUID.class)
                .list()) {
            answer(earlier, "revoked");
            commands.send(new RevokeInvitationCommand(workspace, earlier, by), workspace);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO invitation (invitation_id, workspace_id, email, role, invited_by, created_at, expires_at)
                        VALUES (:id, :workspaceId, :email, :role, :invitedBy, :createdAt, :expiresAt)
                        """)
                .param("id", id)
                .param("workspaceId", workspace.value())
                .param("email", address)
                .param("role", role.wireName())
                .param("invitedBy", by.value())
                .param("createdAt", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(now.plus(properties.invitationLifetime())))
                .update();
        commands.send(new InviteMemberCommand(workspace, id, role, by), workspace);
        emails.queue(id);
    }

    /** Joins the workspace; 404 for an invitation that is unknown, expired, answered, revoked, or not the caller's. */
    @Transactional
    CommandAccepted accept(UUID id, String token, UserId user) {
        Pending invitation = answerable(id, token, user);
        answer(id, "accepted");
        return commands.send(new AcceptInvitationCommand(invitation.workspace(), id, user), invitation.workspace());
    }

    @Transactional
    CommandAccepted decline(UUID id, String token, UserId user) {
        Pending invitation = answerable(id, token, user);
        answer(id, "declined");
        return commands.send(new DeclineInvitationCommand(invitation.workspace(), id, user), invitation.workspace());
    }

    @Transactional
    CommandAccepted revoke(WorkspaceId workspace, UUID id, UserId by) {
        Pending invitation = pending(id)
                .filter(found -> found.workspace().equals(workspace))
                .orElseThrow(() -> ProblemException.notFound("No such invitation."));
        answer(invitation.id(), "revoked");
        return commands.send(new RevokeInvitationCommand(workspace, id, by), workspace);
    }

    /**
     * The workspace's pending invitations, with the addresses they went to: for its owners and admins. One more than
     * {@code limit}, to tell if more exist.
     */
    List<Ranked<InvitationView>> pendingIn(WorkspaceId workspace, long after, int limit) {
        return jdbc.sql("""
                        SELECT i.*, w.name AS workspace_name FROM invitation i JOIN workspace w USING (workspace_id)
                         WHERE i.workspace_id = :workspaceId AND i.status = 'pending' AND i.expires_at > :now
                           AND i.seq > :after
                         ORDER BY i.seq LIMIT :limit
                        """)
                .param("workspaceId", workspace.value())
                .param("now", Timestamp.from(clock.instant()))
                .param("after", after)
                .param("limit", limit + 1)
                .query((rs, row) -> new Ranked<>(rs.getLong("seq"), view(rs, true)))
                .list();
    }

    /** The pending invitations to the caller's verified address, across workspaces, none while it is unverified; one
     * more than {@code limit}. */
    List<Ranked<InvitationView>> pendingFor(UserId user, long after, int limit) {
        return jdbc.sql("""
                        SELECT i.*, w.name AS workspace_name
                          FROM invitation i JOIN workspace w USING (workspace_id)
                          JOIN user_account a ON lower(a.email) = lower(i.email)
                         WHERE a.user_id = :userId AND a.email_verified_at IS NOT NULL
                           AND i.status = 'pending' AND i.expires_at > :now AND i.seq > :after
                         ORDER BY i.seq LIMIT :limit
                        """)
                .param("userId", user.value())
                .param("now", Timestamp.from(clock.instant()))
                .param("after", after)
                .param("limit", limit + 1)
                .query((rs, row) -> new Ranked<>(rs.getLong("seq"), view(rs, false)))
                .list();
    }

    private record Pending(UUID id, WorkspaceId workspace, String email, byte[] tokenHash) {

        @Override
        public String toString() {
            return "Pending[" + id + "]";
        }
    }

    private Pending answerable(UUID id, String token, UserId user) {
        Pending invitation = pending(id).orElseThrow(() -> ProblemException.notFound("No such invitation."));
        boolean allowed = token != null
                ? invitation.tokenHash() != null
                        && MessageDigest.isEqual(invitation.tokenHash(), OpaqueTokens.hash(token))
                : verifiedEmailOf(user).filter(invitation.email()::equals).isPresent();
        if (!allowed) {
            // the same answer as for no invitation at all: an id alone tells nothing
            throw ProblemException.notFound("No such invitation.");
        }
        return invitation;
    }

    private Optional<Pending> pending(UUID id) {
        return jdbc.sql("""
                        SELECT invitation_id, workspace_id, lower(email) AS email, token_hash FROM invitation
                         WHERE invitation_id = :id AND status = 'pending' AND expires_at > :now
                           FOR UPDATE
                        """)
                .param("id", id)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> new Pending(
                        rs.getObject("invitation_id", UUID.class),
                        new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                        rs.getString("email"),
                        rs.getBytes("token_hash")))
                .optional();
    }

    private Optional<String> verifiedEmailOf(UserId user) {
        return jdbc.sql(
                        "SELECT lower(email) FROM user_account WHERE user_id = :userId AND email_verified_at IS NOT NULL")
                .param("userId", user.value())
                .query(String.class)
                .optional();
    }

    private void answer(UUID id, String status) {
        jdbc.sql("UPDATE invitation SET status = :status, answered_at = :now WHERE invitation_id = :id")
                .param("status", status)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
    }

    private static InvitationView view(ResultSet rs, boolean withEmail) throws SQLException {
        return new InvitationView(
                rs.getObject("invitation_id", UUID.class).toString(),
                rs.getObject("workspace_id", UUID.class).toString(),
                rs.getString("workspace_name"),
                withEmail ? rs.getString("email") : null,
                rs.getString("role"),
                rs.getObject("invited_by", UUID.class).toString(),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }
}
