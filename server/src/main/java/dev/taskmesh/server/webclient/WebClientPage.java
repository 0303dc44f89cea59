package dev.taskmesh.server.webclient;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestHandler;

/**
 * The single page of the web client, for every path it routes itself. The build packs the client into
 * {@code static/} of the web module's jar; a build without npm has none, and the page then says how to get it.
 */
class WebClientPage implements HttpRequestHandler {

    /**
     * The page may load scripts, styles and images from this origin and talk to it (HTTP and the WebSocket), and
     * nothing else: no inline script, no other origin, so markup that got in could neither run nor send anything
     * away. It replaces the API's policy, which SecurityHeadersFilter sets on every answer; the policy of a script
     * or a style sheet itself does not matter, a browser applies the document's.
     */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    static final String NOT_BUILT = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>TaskMesh</title></head>
            <body><h1>TaskMesh</h1>
            <p>The server is up, but this build has no web client: the web client needs Node 20 (with npm) to build.
            Install Node.js 20 or newer and build again (<code>./run.sh</code>); the API is at <code>/api</code> and
            described at <code>/v3/api-docs</code>.</p>
            </body></html>
            """;

    private final byte[] page;
    private final boolean built;

    WebClientPage(ClassPathResource index) {
        this.built = index.exists();
        this.page = built ? read(index) : NOT_BUILT.getBytes(StandardCharsets.UTF_8);
    }

    boolean built() {
        return built;
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        response.setHeader("Content-Security-Policy", POLICY);
        // the page names its hashed assets: a browser must ask again for it after every deploy
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        response.setContentLength(page.length);
        if (HttpMethod.GET.matches(request.getMethod())) {
            response.getOutputStream().write(page);
        }
    }

    private static byte[] read(ClassPathResource index) {
        try (InputStream in = index.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
