package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * The authenticated caller of a request, from a verified access token, with the login the token belongs to (its
 * refresh-token family). Controllers take it as a parameter.
 */
public record CurrentUser(UserId id, String handle, UUID session) {

    static final String ATTRIBUTE = CurrentUser.class.getName();

    /** The caller BearerAuthenticationFilter verified, if this request went through it. */
    public static Optional<CurrentUser> of(HttpServletRequest request) {
        return Optional.ofNullable((CurrentUser) request.getAttribute(ATTRIBUTE));
    }
}
