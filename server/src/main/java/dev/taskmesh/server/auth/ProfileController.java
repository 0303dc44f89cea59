package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.EraseAccountRequest;
import dev.taskmesh.api.account.UserProfile;
import dev.taskmesh.api.wire.Change;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.command.account.AccountChanges;
import dev.taskmesh.server.personal.AccountErasure;
import dev.taskmesh.server.ratelimit.RateLimiter;
import dev.taskmesh.server.web.MergePatch;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.Validation;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The caller's own profile: what others see of them (handle, display name), their time zone, and its erasure. */
@RestController
@RequestMapping("/api/users/me")
class ProfileController {

    private final Credentials credentials;
    private final AccountChanges changes;
    private final AccountErasure erasure;
    private final RefreshTokens logins;
    private final RateLimiter limiter;

    ProfileController(
            Credentials credentials,
            AccountChanges changes,
            AccountErasure erasure,
            RefreshTokens logins,
            RateLimiter limiter) {
        this.credentials = credentials;
        this.changes = changes;
        this.erasure = erasure;
        this.logins = logins;
        this.limiter = limiter;
    }

    @GetMapping
    UserProfile me(CurrentUser user) {
        return credentials.profileOf(user.id()).orElseThrow(() -> ProblemException.notFound("No such user."));
    }

    /**
     * A JSON Merge Patch of {@code handle}, {@code displayName} and {@code timeZone} (an IANA zone id). None can be
     * cleared. A new handle shows in access tokens from the next refresh on.
     */
    @PatchMapping(consumes = {"application/merge-patch+json", "application/json"})
    CommandAccepted change(CurrentUser user, @RequestBody JsonNode body) {
        MergePatch patch = MergePatch.of(body, Set.of("handle", "displayName", "timeZone"));
        Change<String> handle = patch.parsed(
                "handle", ProfileController::handle, false, "must be 3 to 30 letters, digits or underscores");
        Change<String> displayName = patch.text("displayName", 1, 100, false);
        Change<String> timeZone = patch.parsed(
                "timeZone", ProfileController::zone, false, "must be an IANA time zone such as Europe/Berlin");
        patch.orThrow();
        return changes.changeProfile(user.id(), valueOf(handle), valueOf(displayName), valueOf(timeZone));
    }

    /**
     * Erases the account (docs/security.md#erasure): the password proves it is the person, tries limited like a
     * sign-in. Refused with 409 while the caller is the last owner of a workspace. Every login ends.
     */
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(CurrentUser user, @RequestBody EraseAccountRequest request, HttpServletRequest http) {
        limiter.refuseOver(
                RateLimiter.Kind.LOGIN_PER_ACCOUNT,
                user.id() + " " + http.getRemoteAddr(),
                "Too many password attempts on this account");
        Validation.of()
                .check(request.password() != null, "/password", "is required")
                .orThrow();
        credentials.requireMatch(user.id(), request.password(), "/password");
        erasure.erase(user.id());
        logins.revokeAllBut(user.id(), null);
    }

    private static String handle(String text) {
        if (!AuthController.HANDLE.matcher(text).matches()) {
            throw new IllegalArgumentException();
        }
        return text;
    }

    /** Region ids only (Europe/Berlin, UTC): fixed offsets such as +02:00 do not follow daylight saving. */
    private static String zone(String text) {
        ZoneId zone = ZoneId.of(text);
        if (!ZoneId.getAvailableZoneIds().contains(zone.getId())) {
            throw new IllegalArgumentException();
        }
        return zone.getId();
    }

    private static String valueOf(Change<String> change) {
        return change == null ? null : change.value();
    }
}
