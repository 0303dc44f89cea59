package dev.taskmesh.api.task;

/** The card that should follow this one ({@code before}) and the one that should precede it ({@code after}). */
public record RankTaskRequest(String before, String after) {}
