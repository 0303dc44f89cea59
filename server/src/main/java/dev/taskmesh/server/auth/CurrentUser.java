package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The authenticated caller of a request, from a verified access token. Controllers take it as a parameter. */
public record CurrentUser(UserId id, String handle) {

    static final String ATTRIBUTE = CurrentUser.class.getName();

    /** The caller BearerAuthenticationFilter verified, if this request went through it. */
    public static Optional<CurrentUser> of(HttpServletRequest request) {
        return Optional.ofNullable((CurrentUser) request.getAttribute(ATTRIBUTE));
    }
}
