package dev.taskmesh.server.auth;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Plain-text emails to people (account links, invitations) from the accounts' sender address, through the SMTP
 * server of {@code TASKMESH_SMTP_*}. Notifications have their own channel, with delivery ids and dead letters.
 */
public class OutgoingMail {

    private final JavaMailSender mail;
    private final String from;

    /** @param mail null when no SMTP server is configured */
    OutgoingMail(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
        if (mail == null) {
            LoggerFactory.getLogger(OutgoingMail.class)
                    .warn("No SMTP server is configured (TASKMESH_SMTP_HOST): password reset, address verification and"
                            + " invitation emails are not sent");
        }
    }

    /**
     * How a queued email is retried: with backoff from two seconds, five times, each time anew (a new link), then
     * given up on with an error in the log that names the queue entry, never the address.
     */
    public static <T> FailureHandler<T> retriedFiveTimes(String what) {
        return new FailureHandler.MaxRetriesFailureHandler<>(
                5,
                new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(2)),
                (complete, operations) -> LoggerFactory.getLogger(OutgoingMail.class)
                        .error(
                                "Gave up sending {} {} after 6 attempts",
                                what,
                                complete.getExecution().taskInstance.getId(),
                                complete.getCause().orElse(null)));
    }

    /** Whether there is an SMTP server to send through; without one, callers log what they could not send. */
    public boolean configured() {
        return mail != null;
    }

    /** Sends now; a failure throws, for the caller's queue to retry. */
    public void send(String to, String subject, String text) {
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text);
            mail.send(message);
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
    }

    /** 30 minutes, 48 hours, 2 days: how a person reads a lifetime. */
    public static String spoken(Duration lifetime) {
        if (lifetime.toDays() >= 3 && lifetime.toHours() % 24 == 0) {
            return lifetime.toDays() + " days";
        }
        if (lifetime.toHours() >= 2 && lifetime.toMinutes() % 60 == 0) {
            return lifetime.toHours() + " hours";
        }
        return Math.max(1, lifetime.toMinutes()) + " minutes";
    }
}
