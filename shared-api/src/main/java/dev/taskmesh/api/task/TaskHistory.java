package dev.taskmesh.api.task;

import java.util.List;

/** A page of a task's history; {@code nextFrom}, the version the next page starts at, is null on the last page. */
public record TaskHistory(List<TaskChange> items, Long nextFrom) {}
