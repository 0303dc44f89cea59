package dev.taskmesh.server.idempotency;

import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.idempotency.IdempotencyKeys.Scope;
import dev.taskmesh.server.idempotency.IdempotencyKeys.StoredAnswer;
import dev.taskmesh.server.web.BodyTooLargeException;
import dev.taskmesh.server.web.ProblemType;
import dev.taskmesh.server.web.Problems;
import dev.taskmesh.server.web.RequestBodyLimitFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UrlPathHelper;

/**
 * {@code Idempotency-Key} on authenticated POSTs, scoped to the user and the route. The first request runs inside
 * one transaction with the storing of its answer, so a retry either replays exactly that answer (and appends
 * nothing) or finds that nothing was stored. The same key with another body is 422; the same key while the first
 * request is still running is 409. Only successful answers are stored: a refused command stored nothing, so
 * running it again is safe.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Pattern WORKSPACE_ROUTE = Pattern.compile("^/api/workspaces/([^/]+)/");
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final IdempotencyKeys keys;
    private final TransactionTemplate transactions;
    private final Problems problems;
    private final MembershipDirectory memberships;

    public IdempotencyFilter(
            IdempotencyKeys keys,
            TransactionTemplate transactions,
            Problems problems,
            MembershipDirectory memberships) {
        this.keys = keys;
        this.transactions = transactions;
        this.problems = problems;
        this.memberships = memberships;
    }

    /**
     * Uploads are not replayed: their body would be held in memory and their transaction open while the file is
     * stored. A retried upload adds a second file, which the uploader sees in the list and can remove.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // CurrentUser is only set on authenticated routes: the /api/auth ones ignore the header
        return !"POST".equals(request.getMethod())
                || RequestBodyLimitFilter.isUpload(request)
                || request.getHeader(HEADER) == null
                || CurrentUser.of(request).isEmpty()
                || !memberOfTheRoutesWorkspace(request);
    }

    /**
     * Outside the workspace a route names, the key is not looked at: the request goes on to its 404, the same as
     * without a key, so a key can never tell a stranger anything about a workspace.
     */
    private boolean memberOfTheRoutesWorkspace(HttpServletRequest request) {
        Matcher route = WORKSPACE_ROUTE.matcher(PATHS.getPathWithinApplication(request));
        if (!route.find()) {
            return true;
        }
        try {
            WorkspaceId workspace = WorkspaceId.parse(route.group(1));
            return memberships
                    .roleOf(workspace, CurrentUser.of(request).orElseThrow().id())
                    .isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            problems.write(
                    request,
                    response,
                    ProblemType.VALIDATION_FAILED,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters.");
            return;
        }
        byte[] body;
        try {
            // capped by RequestBodyLimitFilter, which runs first
            body = request.getInputStream().readAllBytes();
        } catch (BodyTooLargeException e) {
            problems.write(request, response, ProblemType.PAYLOAD_TOO_LARGE, "The body exceeds this route's limit.");
            return;
        }
        Scope scope = new Scope(CurrentUser.of(request).orElseThrow().id().value(), request.getRequestURI(), key);
        byte[] requestHash = IdempotencyKeys.sha256(body);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);

        Outcome outcome = transactions.execute(transaction -> {
            if (!keys.tryLock(scope)) {
                return Outcome.IN_USE;
            }
            Optional<StoredAnswer> stored = keys.find(scope);
            if (stored.isPresent()) {
                return Arrays.equals(stored.get().requestHash(), requestHash)
                        ? Outcome.replay(stored.get())
                        : Outcome.REUSED;
            }
            run(chain, new ReplayableRequest(request, body), captured);
            int status = captured.getStatus();
            if (status >= 200 && status < 300) {
                keys.save(
                        scope,
                        new StoredAnswer(
                                requestHash,
                                status,
                                captured.getContentType(),
                                captured.getHeader(HttpHeaders.LOCATION),
                                captured.getContentAsByteArray()));
            } else {
                transaction.setRollbackOnly();
            }
            return Outcome.HANDLED;
        });

        switch (outcome.kind()) {
            case HANDLED -> captured.copyBodyToResponse();
            case IN_USE ->
                problems.write(
                        request,
                        response,
                        ProblemType.IDEMPOTENCY_KEY_IN_USE,
                        "A request with this Idempotency-Key is still being handled; retry when it is done.");
            case REUSED ->
                problems.write(
                        request,
                        response,
                        ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for a different request.");
            case REPLAY -> replay(outcome.answer(), response);
        }
    }

    private static void run(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
        try {
            chain.doFilter(request, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void replay(StoredAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        response.setHeader("Idempotent-Replayed", "true");
        response.getOutputStream().write(answer.body());
    }

    private record Outcome(Kind kind, StoredAnswer answer) {

        enum Kind {
            HANDLED,
            IN_USE,
            REUSED,
            REPLAY
        }

        static final Outcome HANDLED = new Outcome(Kind.HANDLED, null);
        static final Outcome IN_USE = new Outcome(Kind.IN_USE, null);
        static final Outcome REUSED = new Outcome(Kind.REUSED, null);

        static Outcome replay(StoredAnswer answer) {
            return new Outcome(Kind.REPLAY, answer);
        }
    }

    /** The request with its body already read, so the handler can read it again. */
    private static final class ReplayableRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayableRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }
    }
}
