package dev.taskmesh.server.membership;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.taskmesh.server.auth.AccountProperties;
import dev.taskmesh.server.auth.OpaqueTokens;
import dev.taskmesh.server.auth.OutgoingMail;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends an invitation's email with its link, {@code <public-url>/invitations/<id>#token=…}. Queued in the
 * invitation's transaction (db-scheduler), so the invite answers at once whatever the address; the token is made as
 * the email goes out and only its hash is kept, replacing the last one: the newest email's link is the one that works.
 */
@Component
class InvitationEmails {

    static final String TASK = "invitation-email";

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final OutgoingMail mail;
    private final AccountProperties properties;
    private final ObjectProvider<Scheduler> scheduler;
    private final Clock clock;
    private final OneTimeTask<Void> task;

    InvitationEmails(
            JdbcClient jdbc,
            OutgoingMail mail,
            AccountProperties properties,
            ObjectProvider<Scheduler> scheduler,
            Clock clock) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
        this.task = Tasks.oneTime(TASK)
                .onFailure(OutgoingMail.<Void>retriedFiveTimes("invitation email"))
                .execute((instance, context) ->
                        send(UUID.fromString(instance.getId().split(":")[0])));
    }

    OneTimeTask<Void> task() {
        return task;
    }

    void queue(UUID invitationId) {
        if (!mail.configured()) {
            return;
        }
        scheduler.getObject().schedule(task.instance(invitationId + ":" + UUID.randomUUID()), clock.instant());
    }

    private record Letter(String email, String workspace, String inviter, String role, Instant expiresAt) {

        @Override
        public String toString() {
            return "Letter[***]";
        }
    }

    private void send(UUID invitationId) {
        if (!mail.configured()) {
            return; // said once at start (OutgoingMail)
        }
        Optional<Letter> letter = jdbc.sql("""
                        SELECT i.email, w.name AS workspace, a.display_name AS inviter, i.role, i.expires_at
                          FROM invitation i JOIN workspace w USING (workspace_id)
                          JOIN user_account a ON a.user_id = i.invited_by
                         WHERE i.invitation_id = :id AND i.status = 'pending' AND i.expires_at > :now
                        """)
                .param("id", invitationId)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> new Letter(
                        rs.getString("email"),
                        rs.getString("workspace"),
                        rs.getString("inviter"),
                        rs.getString("role"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
        if (letter.isEmpty()) {
            return; // answered, revoked or expired meanwhile
        }
        String token = OpaqueTokens.generate();
        jdbc.sql("UPDATE invitation SET token_hash = :hash WHERE invitation_id = :id")
                .param("hash", OpaqueTokens.hash(token))
                .param("id", invitationId)
                .update();
        Letter to = letter.get();
        mail.send(to.email(), to.inviter() + " invited you to " + to.workspace() + " on TaskMesh", """
                Hello,

                %s invited you to join the workspace "%s" on TaskMesh as %s. Open this link to accept or \
                decline (it works until %s); if you have no account yet, you can create one there:

                %s

                If you do not know %s, ignore this email.
                """.formatted(
                        to.inviter(),
                        to.workspace(),
                        to.role(),
                        UNTIL.format(to.expiresAt()),
                        properties.publicUrl().resolve("/invitations/" + invitationId) + "#token=" + token,
                        to.inviter()));
    }
}
