package dev.taskmesh.server.notification.delivery;

import java.util.Locale;

/** An external channel; in-app needs none, it is the inbox itself. */
public enum Channel {
    EMAIL,
    WEBHOOK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Channel fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
