package dev.taskmesh.server.auth;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.taskmesh.api.account.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The emails an account is sent: a password reset link and an address verification link. Asking for one queues it
 * (db-scheduler, in the caller's transaction) and answers at once, so the answer takes as long whether or not the
 * address has an account, and an SMTP outage delays a link instead of failing the request. The link's token is made
 * when the email is sent, not when it is queued: no clear secret ever waits in a table. A failed send is retried with
 * backoff five times, each retry with a new token.
 */
@Component
class AccountEmails {

    static final String TASK = "account-email";

    private final JdbcClient jdbc;
    private final AccountTokens tokens;
    private final AccountProperties properties;
    private final OutgoingMail mail;
    private final ObjectProvider<Scheduler> scheduler;
    private final Clock clock;
    private final OneTimeTask<Void> task;

    AccountEmails(
            JdbcClient jdbc,
            AccountTokens tokens,
            AccountProperties properties,
            OutgoingMail mail,
            ObjectProvider<Scheduler> scheduler,
            Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.properties = properties;
        this.mail = mail;
        this.scheduler = scheduler;
        this.clock = clock;
        this.task = Tasks.oneTime(TASK)
                .onFailure(OutgoingMail.<Void>retriedFiveTimes("account email"))
                .execute((instance, context) -> send(Request.parse(instance.getId())));
    }

    OneTimeTask<Void> task() {
        return task;
    }

    /** Queues the link for the user; it joins the caller's transaction when there is one. */
    void queue(UserId userId, AccountTokens.Purpose purpose) {
        if (!mail.configured()) {
            return;
        }
        scheduler
                .getObject()
                .schedule(task.instance(new Request(purpose, userId, UUID.randomUUID()).instanceId()), clock.instant());
    }

    /** One email asked for; its instance id carries all the worker needs, and no secret. */
    record Request(AccountTokens.Purpose purpose, UserId userId, UUID id) {

        String instanceId() {
            return purpose.wireName() + ":" + userId.value() + ":" + id;
        }

        static Request parse(String instanceId) {
            String[] parts = instanceId.split(":");
            return new Request(
                    AccountTokens.Purpose.fromWireName(parts[0]),
                    new UserId(UUID.fromString(parts[1])),
                    UUID.fromString(parts[2]));
        }
    }

    private record Recipient(String email, String displayName) {

        @Override
        public String toString() {
            return "Recipient[***]";
        }
    }

    private void send(Request request) {
        if (!mail.configured()) {
            return; // said once at start (OutgoingMail)
        }
        Optional<Recipient> recipient = jdbc.sql("SELECT email, display_name FROM user_account WHERE user_id = :userId")
                .param("userId", request.userId().value())
                .query((rs, row) -> new Recipient(rs.getString("email"), rs.getString("display_name")))
                .optional();
        if (recipient.isEmpty()) {
            return; // the account is gone
        }
        Duration lifetime = properties.lifetimeOf(request.purpose());
        String link =
                properties.publicUrl().resolve("/account/" + request.purpose().wireName()) + "#token="
                        + tokens.issue(request.userId(), request.purpose(), lifetime);
        String name = recipient.get().displayName();
        switch (request.purpose()) {
            case RESET_PASSWORD ->
                mail.send(recipient.get().email(), "Reset your TaskMesh password", """
                        Hello %s,

                        someone, hopefully you, asked to reset the password of your TaskMesh account. Open this link \
                        within %s to choose a new one:

                        %s

                        If it was not you, ignore this email: your password stays as it is.
                        """.formatted(
                                name, OutgoingMail.spoken(lifetime), link));
            case VERIFY_EMAIL ->
                mail.send(recipient.get().email(), "Confirm your email address for TaskMesh", """
                        Hello %s,

                        open this link within %s to confirm that this address is yours:

                        %s

                        If you did not sign up for TaskMesh, ignore this email.
                        """.formatted(
                                name, OutgoingMail.spoken(lifetime), link));
        }
    }
}
