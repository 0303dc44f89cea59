package dev.taskmesh.api.notification;

import dev.taskmesh.api.account.UserId;
import java.util.Set;

/** The notification preferences of several users at once (the defaults for those who never changed them). */
public record FindPreferencesOfQuery(Set<UserId> userIds) {

    public FindPreferencesOfQuery {
        userIds = Set.copyOf(userIds);
    }
}
