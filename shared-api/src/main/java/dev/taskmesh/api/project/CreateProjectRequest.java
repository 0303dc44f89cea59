package dev.taskmesh.api.project;

public record CreateProjectRequest(String name, String description) {}
