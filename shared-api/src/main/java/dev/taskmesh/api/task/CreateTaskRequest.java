package dev.taskmesh.api.task;

public record CreateTaskRequest(String title, String description) {}
