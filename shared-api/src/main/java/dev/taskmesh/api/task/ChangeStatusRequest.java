package dev.taskmesh.api.task;

public record ChangeStatusRequest(String status) {}
