package dev.taskmesh.api.task;

public record MoveTaskRequest(String projectId) {}
