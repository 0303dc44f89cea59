package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;
import java.util.Map;

/** The answer to {@link FindPreferencesOfQuery}: an entry for every user asked about. */
public record PreferencesByUser(Map<UserId, NotificationPreferences> preferences) {

    public PreferencesByUser {
        preferences = Map.copyOf(preferences);
    }

    public NotificationPreferences of(UserId userId) {
        return preferences.getOrDefault(userId, NotificationPreferences.defaults());
    }
}
