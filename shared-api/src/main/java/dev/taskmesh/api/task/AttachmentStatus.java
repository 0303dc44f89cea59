package dev.taskmesh.api.task;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a file is in its checks; only a {@code CLEAN} one can be downloaded. */
public enum AttachmentStatus {
    PENDING,
    CLEAN,
    REJECTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttachmentStatus fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
