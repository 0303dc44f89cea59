package dev.taskmesh.api.wire;

/**
 * Metadata every command sent for an HTTP request carries, and Axon copies onto the events it applies: who caused
 * it and through which request. The WebSocket shows them as {@code actor} and {@code correlationId}, a task's
 * history as {@code actor}.
 */
public final class MessageOrigin {

    /** The id of the authenticated caller. */
    public static final String ACTOR = "actor";

    /** The request's {@code X-Request-Id}. */
    public static final String REQUEST_ID = "requestId";

    private MessageOrigin() {}
}
