package dev.taskmesh.api.task;

/** {@code assigneeId} null unassigns. */
public record AssignTaskRequest(String assigneeId) {}
