package dev.taskmesh.api.task;

import java.util.Optional;

/** The orders of a task list; {@code BOARD} is column by column, each in rank order, as the board shows them. */
public enum TaskSort {
    BOARD("board"),
    CREATED_AT("createdAt"),
    CREATED_AT_DESC("-createdAt"),
    UPDATED_AT("updatedAt"),
    UPDATED_AT_DESC("-updatedAt");

    private final String wireName;

    TaskSort(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TaskSort> fromWireName(String wireName) {
        for (TaskSort sort : values()) {
            if (sort.wireName.equals(wireName)) {
                return Optional.of(sort);
            }
        }
        return Optional.empty();
    }
}
