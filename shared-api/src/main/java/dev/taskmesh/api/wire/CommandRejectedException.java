package dev.taskmesh.api.wire;

import java.util.Map;

/**
 * A command that the rules refuse. The reason, not the exception type, decides the answer a client gets, so the
 * command side can refuse without knowing HTTP.
 */
public class CommandRejectedException extends RuntimeException {

    public enum Reason {
        /** The target or something it names does not exist, or is not visible to the caller. */
        NOT_FOUND,
        /** The caller's role does not allow it. */
        FORBIDDEN,
        /** A field breaks a rule; {@link #field()} names it. */
        INVALID,
        /** The current state does not allow it (a duplicate, an archived project). */
        CONFLICT,
        /** The client's If-Match names a version the aggregate no longer (or never) had. */
        STALE
    }

    private final Reason reason;
    private final String field;
    private final Map<String, Object> details;

    public CommandRejectedException(Reason reason, String detail) {
        this(reason, null, detail, Map.of());
    }

    public CommandRejectedException(Reason reason, String field, String detail, Map<String, Object> details) {
        super(detail);
        this.reason = reason;
        this.field = field;
        this.details = Map.copyOf(details);
    }

    public static CommandRejectedException notFound(String detail) {
        return new CommandRejectedException(Reason.NOT_FOUND, detail);
    }

    public static CommandRejectedException forbidden(String detail) {
        return new CommandRejectedException(Reason.FORBIDDEN, detail);
    }

    public static CommandRejectedException conflict(String detail) {
        return new CommandRejectedException(Reason.CONFLICT, detail);
    }

    /** A conflict with facts a client can act on, such as the statuses a task may move to. */
    public static CommandRejectedException conflict(String detail, Map<String, Object> details) {
        return new CommandRejectedException(Reason.CONFLICT, null, detail, details);
    }

    /** Refuses a command whose expected version (If-Match) is not the aggregate's current one. */
    public static void requireVersion(Long expected, long current) {
        if (expected != null && expected != current) {
            throw new CommandRejectedException(
                    Reason.STALE, "The resource is at version " + current + ", not " + expected + ".");
        }
    }

    public static CommandRejectedException invalid(String field, String detail) {
        return new CommandRejectedException(Reason.INVALID, field, detail, Map.of());
    }

    public Reason reason() {
        return reason;
    }

    /** The JSON field at fault (for example {@code userId}), or null. */
    public String field() {
        return field;
    }

    /** Extra members of the problem answer, by name; empty for most rejections. */
    public Map<String, Object> details() {
        return details;
    }
}
