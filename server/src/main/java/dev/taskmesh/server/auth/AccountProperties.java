package dev.taskmesh.server.auth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code taskmesh.accounts.*}: the emails an account is sent (a password reset link, an address verification link),
 * how long an invitation to a workspace stands, and what an unverified address may do.
 *
 * @param publicUrl where people reach this deployment; the links in emails start with it
 * @param requireVerifiedEmail when true, a user whose address is not verified may read but changes nothing in any
 *     workspace (403 {@code email-unverified})
 */
@ConfigurationProperties("taskmesh.accounts")
public record AccountProperties(
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("TaskMesh <accounts@localhost>") String emailFrom,
        @DefaultValue("30m") Duration resetLinkLifetime,
        @DefaultValue("48h") Duration verificationLinkLifetime,
        @DefaultValue("7d") Duration invitationLifetime,
        @DefaultValue("false") boolean requireVerifiedEmail) {

    public AccountProperties {
        if (!"http".equals(publicUrl.getScheme()) && !"https".equals(publicUrl.getScheme())) {
            throw new IllegalArgumentException(
                    "taskmesh.accounts.public-url (TASKMESH_PUBLIC_URL) must be an http or https URL, was "
                            + publicUrl);
        }
        if (!resetLinkLifetime.isPositive()
                || !verificationLinkLifetime.isPositive()
                || !invitationLifetime.isPositive()) {
            throw new IllegalArgumentException("taskmesh.accounts: link lifetimes must be positive");
        }
    }

    Duration lifetimeOf(AccountTokens.Purpose purpose) {
        return switch (purpose) {
            case RESET_PASSWORD -> resetLinkLifetime;
            case VERIFY_EMAIL -> verificationLinkLifetime;
        };
    }
}
