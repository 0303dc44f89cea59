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
 * API answers JSON only, so its content policy allows nothing to load or frame it. The web client's page and assets
 * may load scripts, styles and images from this origin and talk to it (HTTP and the WebSocket), and nothing else: no
 * inline script, no other origin, so injected markup could not run. Strict-Transport-Security only over TLS (behind a
 * TLS-terminating proxy with forwarded headers on), where a browser heeds it.
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    static final String WEB_CLIENT_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    /** The web client's page (at / and the paths of the links in emails) and its assets: WebClientConfig serves them. */
    static boolean isWebClient(String path) {
        return path.equals("/")
                || path.startsWith("/assets/")
                || path.startsWith("/account/")
                || path.startsWith("/invitations/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        // the path as Spring MVC matches it (decoded, without ;params), as the bearer filter reads it: the raw URI of
        // /%61pi/auth/login would miss the prefix and still reach the login
        String path = PATHS.getPathWithinApplication(request);
        response.setHeader("Content-Security-Policy", isWebClient(path) ? WEB_CLIENT_POLICY : API_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (path.startsWith("/api/auth/")) {
            // tokens: never kept by a browser's or a proxy's cache
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
