package dev.taskmesh.query.notification;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.notification.NotificationPreferences;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notification preferences as the inbox projection keeps them ({@code notify_preference}, JSON), written and read
 * back in one place; a user without a row has the defaults.
 */
@Component
class StoredPreferences {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    StoredPreferences(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void save(UserId owner, NotificationPreferences preferences) {
        jdbc.sql("""
                        INSERT INTO notify_preference (user_id, preferences) VALUES (:owner, :preferences)
                        ON CONFLICT (user_id) DO UPDATE SET preferences = EXCLUDED.preferences
                        """)
                .param("owner", owner.value())
                .param("preferences", json.writeValueAsString(preferences))
                .update();
    }

    /** An entry for every one of {@code owners}, in one query. */
    Map<UserId, NotificationPreferences> of(Collection<UserId> owners) {
        Map<UserId, NotificationPreferences> found = new HashMap<>();
        owners.forEach(owner -> found.put(owner, NotificationPreferences.defaults()));
        jdbc.sql("SELECT user_id, preferences FROM notify_preference WHERE user_id = ANY(CAST(:owners AS uuid[]))")
                .param(
                        "owners",
                        owners.stream().map(owner -> owner.value().toString()).toArray(String[]::new))
                .query((rs, row) -> found.put(new UserId(rs.getObject(1, UUID.class)), read(rs.getString(2))))
                .list();
        return found;
    }

    /** @param stored a {@code notify_preference.preferences} value, or null for a user without one */
    NotificationPreferences read(String stored) {
        return stored == null
                ? NotificationPreferences.defaults()
                : json.readValue(stored, NotificationPreferences.class);
    }
}
