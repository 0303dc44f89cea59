package dev.taskmesh.server.auth;

import dev.taskmesh.server.operations.LogContext;
import dev.taskmesh.server.web.ProblemType;
import dev.taskmesh.server.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * First check of every API request: a valid bearer access token, or 401 before anything else is looked at, so an
 * anonymous caller learns nothing about which workspaces or ids exist.
 */
public class BearerAuthenticationFilter extends OncePerRequestFilter {

    /** The only API routes a caller without an access token may use. */
    private static final Set<String> PUBLIC_ROUTES = Set.of(
            "/api/auth/register",
            "/api/auth/login",
            "/api/auth/refresh",
            "/api/auth/logout",
            // the links in account emails: whoever holds the link's token is allowed, on any device
            "/api/auth/password-reset",
            "/api/auth/password-reset/confirm",
            "/api/auth/verify-email");

    private final AccessTokens tokens;
    private final Problems problems;

    public BearerAuthenticationFilter(AccessTokens tokens, Problems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    /**
     * Decides on the path as Spring MVC matches it: decoded, without {@code ;params}. On the raw URI,
     * {@code /%61pi/...} or {@code /api;x/...} would pass the filter and still reach an {@code /api} handler.
     */
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = PATHS.getPathWithinApplication(request);
        return !path.startsWith("/api/") || PUBLIC_ROUTES.contains(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CurrentUser> user = bearerToken(request).flatMap(tokens::verify);
        if (user.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.write(request, response, ProblemType.UNAUTHENTICATED, "A valid bearer access token is required.");
            return;
        }
        request.setAttribute(CurrentUser.ATTRIBUTE, user.get());
        LogContext.put(LogContext.USER_ID, user.get().id()); // cleared by RequestIdFilter, the outermost filter
        chain.doFilter(request, response);
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim()).filter(token -> !token.isEmpty());
    }
}
