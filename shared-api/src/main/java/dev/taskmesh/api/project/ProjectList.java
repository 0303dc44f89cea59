package dev.taskmesh.api.project;

import java.util.List;

/** A page of projects; {@code nextAfter} is null on the last page. */
public record ProjectList(List<ProjectView> items, Long nextAfter) {}
