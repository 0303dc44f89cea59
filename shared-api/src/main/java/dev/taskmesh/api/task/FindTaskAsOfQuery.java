package dev.taskmesh.api.task;

import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.Instant;

/** The task as it was at {@code asOf}, rebuilt from its events; empty before its creation or after its deletion. */
public record FindTaskAsOfQuery(WorkspaceId workspaceId, TaskId taskId, Instant asOf) {}
