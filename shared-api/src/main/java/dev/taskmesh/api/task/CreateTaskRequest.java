package dev.taskmesh.api.task;

/** {@code status} is optional: new tasks start in {@code todo}. */
public record CreateTaskRequest(String title, String description, String status) {}
