package dev.taskmesh.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * The browser-facing headers of every response, refusals included: the first filter, so even a 401 carries them. The
 * API answers JSON only, so the content policy allows nothing to load or frame it (the web client's page replaces it
 * with a policy of its own, WebClientPage); Strict-Transport-Security only over TLS (behind a TLS-terminating proxy
 * with forwarded headers on), where a browser heeds it.
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        // the path as Spring MVC matches it (decoded, without ;params), as the bearer filter reads it: the raw URI of
        // /%61pi/auth/login would miss the prefix and still reach the login
        if (PATHS.getPathWithinApplication(request).startsWith("/api/auth/")) {
            // tokens: never kept by a browser's or a proxy's cache
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
