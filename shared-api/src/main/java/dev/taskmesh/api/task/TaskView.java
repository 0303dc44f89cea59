package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.Instant;

/** A task as clients read it; {@code version} is the aggregate's last sequence number, served as the ETag. */
public record TaskView(
        TaskId id,
        WorkspaceId workspaceId,
        ProjectId projectId,
        String title,
        String description,
        TaskStatus status,
        UserId createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
