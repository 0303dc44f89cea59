package dev.taskmesh.server.rebuild;

import dev.taskmesh.server.web.ProblemType;
import dev.taskmesh.server.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Guards {@code /admin/**} with the operator credential ({@code TASKMESH_ADMIN_TOKEN}), which is configuration, not a
 * user or a workspace role. With no credential configured the admin API does not exist (404); a missing or wrong
 * bearer token is 401. Tokens are compared as SHA-256 digests in constant time.
 */
final class OperatorAuthenticationFilter extends OncePerRequestFilter {

    private static final UrlPathHelper PATHS = UrlPathHelper.defaultInstance;

    private final byte[] expected;
    private final Problems problems;

    OperatorAuthenticationFilter(String operatorToken, Problems problems) {
        this.expected = operatorToken == null || operatorToken.isBlank() ? null : sha256(operatorToken);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATHS.getPathWithinApplication(request).startsWith("/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (expected == null) {
            problems.write(
                    request, response, ProblemType.NOT_FOUND, "The admin API is off: TASKMESH_ADMIN_TOKEN is unset.");
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer
                || !MessageDigest.isEqual(expected, sha256(header.substring(7).trim()))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.write(request, response, ProblemType.UNAUTHENTICATED, "The operator token is required.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
