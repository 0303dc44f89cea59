package dev.taskmesh.api.wire;

/**
 * The name an event goes by outside the store: its record's name without the {@code Event} suffix
 * ({@code TaskCreatedEvent} is {@code TaskCreated}). WebSocket frames, task histories and feeds all use it.
 */
public final class EventType {

    private static final String SUFFIX = "Event";

    private EventType() {}

    public static String of(Class<?> eventClass) {
        String name = eventClass.getSimpleName();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }
}
