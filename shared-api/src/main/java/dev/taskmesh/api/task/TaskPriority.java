package dev.taskmesh.api.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum TaskPriority {
    NONE,
    LOW,
    MEDIUM,
    HIGH,
    URGENT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but the five wire names */
    @JsonCreator
    public static TaskPriority fromWireName(String wireName) {
        for (TaskPriority priority : values()) {
            if (priority.wireName().equals(wireName)) {
                return priority;
            }
        }
        throw new IllegalArgumentException("unknown priority: " + wireName);
    }
}
