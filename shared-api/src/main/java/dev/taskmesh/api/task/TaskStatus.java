package dev.taskmesh.api.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The columns of the board. The workflow between them is decided on the command side. */
public enum TaskStatus {
    BACKLOG,
    TODO,
    IN_PROGRESS,
    IN_REVIEW,
    DONE,
    CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire names in board order, comma-separated: what an error names as the valid values. */
    public static String wireNames() {
        return Arrays.stream(values()).map(TaskStatus::wireName).collect(Collectors.joining(", "));
    }

    /** @throws IllegalArgumentException for anything but the six wire names */
    @JsonCreator
    public static TaskStatus fromWireName(String wireName) {
        for (TaskStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status: " + wireName);
    }
}
