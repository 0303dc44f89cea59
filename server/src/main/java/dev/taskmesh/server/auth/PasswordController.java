package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.ChangePasswordRequest;
import dev.taskmesh.api.account.PasswordResetConfirmation;
import dev.taskmesh.api.account.PasswordResetRequest;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.command.account.AccountChanges;
import dev.taskmesh.server.ratelimit.RateLimiter;
import dev.taskmesh.server.web.Validation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changing a password, and resetting a forgotten one by a link sent to the account's address. Either way every
 * login made with the old password ends (a change keeps the caller's own), since whoever knew it may hold one.
 */
@RestController
@RequestMapping("/api")
class PasswordController {

    private final Credentials credentials;
    private final AccountChanges changes;
    private final AccountTokens tokens;
    private final AccountEmails emails;
    private final RefreshTokens logins;
    private final RateLimiter limiter;

    PasswordController(
            Credentials credentials,
            AccountChanges changes,
            AccountTokens tokens,
            AccountEmails emails,
            RefreshTokens logins,
            RateLimiter limiter) {
        this.credentials = credentials;
        this.changes = changes;
        this.tokens = tokens;
        this.emails = emails;
        this.logins = logins;
        this.limiter = limiter;
    }

    /**
     * The current password proves it is the person and not a borrowed session; it is limited like a sign-in, so this
     * route is no way around the sign-in limits for guessing it.
     */
    @PutMapping("/users/me/password")
    CommandAccepted change(CurrentUser user, @RequestBody ChangePasswordRequest request, HttpServletRequest http) {
        limiter.refuseOver(
                RateLimiter.Kind.LOGIN_PER_ACCOUNT,
                user.id() + " " + http.getRemoteAddr(),
                "Too many password attempts on this account");
        Validation validation =
                Validation.of().check(request.currentPassword() != null, "/currentPassword", "is required");
        Credentials.newPassword(validation, "/newPassword", request.newPassword())
                .check(
                        request.newPassword() == null || !request.newPassword().equals(request.currentPassword()),
                        "/newPassword",
                        "must differ from the current password")
                .orThrow();
        credentials.requireMatch(user.id(), request.currentPassword(), "/currentPassword");
        CommandAccepted accepted = changes.changePassword(user.id(), credentials.hash(request.newPassword()), false);
        logins.revokeAllBut(user.id(), user.session());
        return accepted;
    }

    /**
     * Always 202, with or without an account for the address, and as fast either way (the email is queued, never
     * sent here): the answer tells nobody whether an address is registered.
     */
    @PostMapping("/auth/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestReset(@RequestBody PasswordResetRequest request, HttpServletRequest http) {
        limiter.refuseOver(
                RateLimiter.Kind.ACCOUNT_EMAIL_PER_ADDRESS, http.getRemoteAddr(), "Too many emails asked for");
        Validation.of()
                .check(request.email() != null && !request.email().isBlank(), "/email", "is required")
                .check(request.email() == null || request.email().length() <= 320, "/email", "is too long")
                .orThrow();
        // counted for unknown addresses too, so the limit says nothing about the address either
        limiter.refuseOver(
                RateLimiter.Kind.ACCOUNT_EMAIL_PER_ACCOUNT,
                request.email().strip().toLowerCase(Locale.ROOT),
                "Too many emails asked for this address");
        credentials
                .accountOf(request.email())
                .ifPresent(user -> emails.queue(user, AccountTokens.Purpose.RESET_PASSWORD));
    }

    /**
     * Spends the link's token and sets the new password; every login of the account ends. Following the link also
     * proves the address, so it counts as verified.
     */
    @PostMapping("/auth/password-reset/confirm")
    CommandAccepted confirmReset(@RequestBody PasswordResetConfirmation request) {
        Validation validation = Validation.of().check(request.token() != null, "/token", "is required");
        Credentials.newPassword(validation, "/newPassword", request.newPassword())
                .orThrow();
        UserId user = tokens.spend(request.token(), AccountTokens.Purpose.RESET_PASSWORD);
        CommandAccepted accepted = changes.changePassword(user, credentials.hash(request.newPassword()), true);
        logins.revokeAllBut(user, null);
        changes.verifyEmail(user);
        return accepted;
    }
}
