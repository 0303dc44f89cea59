package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.EmailVerification;
import dev.taskmesh.command.account.AccountChanges;
import dev.taskmesh.server.ratelimit.RateLimiter;
import dev.taskmesh.server.web.Validation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Proving an account's address: registration sends a link, the link's token verifies it here (no access token
 * needed: the link may be opened on another device), and the owner may ask for a new link.
 */
@RestController
@RequestMapping("/api")
class EmailVerificationController {

    private final AccountTokens tokens;
    private final AccountChanges changes;
    private final AccountEmails emails;
    private final Credentials credentials;
    private final RateLimiter limiter;

    EmailVerificationController(
            AccountTokens tokens,
            AccountChanges changes,
            AccountEmails emails,
            Credentials credentials,
            RateLimiter limiter) {
        this.tokens = tokens;
        this.changes = changes;
        this.emails = emails;
        this.credentials = credentials;
        this.limiter = limiter;
    }

    @PostMapping("/auth/verify-email")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void verify(@RequestBody EmailVerification request) {
        Validation.of().check(request.token() != null, "/token", "is required").orThrow();
        changes.verifyEmail(tokens.spend(request.token(), AccountTokens.Purpose.VERIFY_EMAIL));
    }

    /** A new link, unless the address is verified already (then nothing is sent); the older links stop working. */
    @PostMapping("/users/me/verification-email")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resend(CurrentUser user) {
        limiter.refuseOver(
                RateLimiter.Kind.ACCOUNT_EMAIL_PER_ACCOUNT, user.id().toString(), "Too many emails asked for");
        if (!credentials.emailVerified(user.id())) {
            emails.queue(user.id(), AccountTokens.Purpose.VERIFY_EMAIL);
        }
    }
}
