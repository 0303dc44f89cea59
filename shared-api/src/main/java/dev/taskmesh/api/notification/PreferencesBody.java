package dev.taskmesh.api.notification;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notification preferences on the wire: {@code {"timeZone": "Europe/Paris", "kinds": {"assigned": {"email": true,
 * "webhook": false}, …}}}. GET lists every kind; a PUT replaces the whole, and a kind it leaves out gets its default.
 */
public record PreferencesBody(String timeZone, Map<String, Channels> kinds) {

    /** The external channels of one kind; in-app is always on. */
    public record Channels(Boolean email, Boolean webhook) {}

    public static PreferencesBody of(NotificationPreferences preferences) {
        Map<String, Channels> kinds = new LinkedHashMap<>();
        preferences
                .choices()
                .forEach(choice -> kinds.put(choice.kind().wireName(), new Channels(choice.email(), choice.webhook())));
        return new PreferencesBody(preferences.timeZone(), kinds);
    }
}
