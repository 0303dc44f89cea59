package dev.taskmesh.server.operations;

import org.slf4j.MDC;

/**
 * The keys every log line of a request or of an event's handling carries (structured logs put them beside the
 * message): the request's id, the caller and the workspace. The request id is the one the client sent or was given
 * ({@code X-Request-Id}); events carry it in their metadata, so the lines of the projections, the relay and the
 * notification deliveries an action causes carry it too.
 */
public final class LogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String USER_ID = "userId";
    public static final String WORKSPACE_ID = "workspaceId";

    private LogContext() {}

    /** Sets {@code key}, or removes it for null. */
    public static void put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
    }

    public static void clear() {
        MDC.remove(REQUEST_ID);
        MDC.remove(USER_ID);
        MDC.remove(WORKSPACE_ID);
    }
}
