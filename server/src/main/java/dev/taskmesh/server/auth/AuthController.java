package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.LoginRequest;
import dev.taskmesh.api.account.RefreshRequest;
import dev.taskmesh.api.account.RegisterRequest;
import dev.taskmesh.api.account.TokenPair;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.command.account.AccountRegistration;
import dev.taskmesh.server.ratelimit.RateLimiter;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ProblemType;
import dev.taskmesh.server.web.Validation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration, login, token refresh and logout. */
@RestController
@RequestMapping("/api")
class AuthController {

    static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{3,30}");

    private final AccountRegistration registration;
    private final Credentials credentials;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final RateLimiter limiter;
    private final AccountEmails emails;

    AuthController(
            AccountRegistration registration,
            Credentials credentials,
            AccessTokens accessTokens,
            RefreshTokens refreshTokens,
            RateLimiter limiter,
            AccountEmails emails) {
        this.registration = registration;
        this.credentials = credentials;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.limiter = limiter;
        this.emails = emails;
    }

    @PostMapping("/auth/register")
    ResponseEntity<CommandAccepted> register(@RequestBody RegisterRequest request, HttpServletRequest http) {
        limit(RateLimiter.Kind.REGISTRATION_PER_ADDRESS, http.getRemoteAddr(), "Too many sign-ups from your address");
        Validation validation = Validation.of()
                .email("/email", request.email())
                .matches("/handle", request.handle(), HANDLE, "must be 3 to 30 letters, digits or underscores")
                .text("/displayName", request.displayName(), 1, 100);
        Credentials.newPassword(validation, "/password", request.password()).orThrow();
        CommandAccepted accepted = registration.register(
                request.email(), request.handle(), request.displayName().strip(), credentials.hash(request.password()));
        // queued after the account committed, so the link always finds its account
        emails.queue(UserId.parse(accepted.id()), AccountTokens.Purpose.VERIFY_EMAIL);
        // no Location: an account is read back through /api/users/me once logged in
        return ResponseEntity.status(HttpStatus.CREATED).body(accepted);
    }

    /**
     * Sign-ins are limited per client address, and per account from one address: guessing one account's password
     * is slowed without letting anyone lock its owner out from elsewhere.
     */
    @PostMapping("/auth/login")
    TokenPair login(@RequestBody LoginRequest request, HttpServletRequest http) {
        limit(RateLimiter.Kind.LOGIN_PER_ADDRESS, http.getRemoteAddr(), "Too many sign-ins from your address");
        Validation.of()
                .check(request.email() != null, "/email", "is required")
                .check(request.password() != null, "/password", "is required")
                .orThrow();
        limit(
                RateLimiter.Kind.LOGIN_PER_ACCOUNT,
                request.email().strip().toLowerCase(Locale.ROOT) + " " + http.getRemoteAddr(),
                "Too many sign-ins to this account");
        Credentials.Account account = credentials
                .check(request.email(), request.password())
                .orElseThrow(() ->
                        new ProblemException(ProblemType.INVALID_CREDENTIALS, "Unknown email or wrong password."));
        return tokens(account.userId(), account.handle(), refreshTokens.issue(account.userId()));
    }

    @PostMapping("/auth/refresh")
    TokenPair refresh(@RequestBody RefreshRequest request) {
        Validation.of()
                .check(request.refreshToken() != null, "/refreshToken", "is required")
                .orThrow();
        RefreshTokens.Rotation rotation = refreshTokens
                .rotate(request.refreshToken())
                .orElseThrow(() -> new ProblemException(
                        ProblemType.UNAUTHENTICATED, "The refresh token is unknown, expired or already used."));
        String handle = credentials.handleOf(rotation.userId()).orElseThrow();
        return tokens(rotation.userId(), handle, rotation.refreshToken());
    }

    /** Ends the login of the given refresh token, and with it the login's access tokens and WebSocket connections. */
    @PostMapping("/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@RequestBody RefreshRequest request) {
        Validation.of()
                .check(request.refreshToken() != null, "/refreshToken", "is required")
                .orThrow();
        refreshTokens.revoke(request.refreshToken());
    }

    private void limit(RateLimiter.Kind kind, String subject, String detail) {
        limiter.refuseOver(kind, subject, detail);
    }

    private TokenPair tokens(UserId userId, String handle, RefreshTokens.Issued refreshToken) {
        AccessTokens.IssuedToken access = accessTokens.issue(userId, handle, refreshToken.session());
        return new TokenPair(access.token(), refreshToken.token(), access.expiresAt());
    }
}
