package dev.taskmesh.api.task;

import java.util.List;

/** A page of tasks; {@code nextAfter}, the position key to continue from, is null on the last page. */
public record TaskList(List<TaskView> items, String nextAfter) {}
