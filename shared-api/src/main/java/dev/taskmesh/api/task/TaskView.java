package dev.taskmesh.api.task;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A task as clients read it; {@code version} is the aggregate's last sequence number, served as the ETag. */
public record TaskView(
        TaskId id,
        WorkspaceId workspaceId,
        ProjectId projectId,
        String title,
        String description,
        TaskStatus status,
        TaskPriority priority,
        LocalDate dueDate,
        List<String> labels,
        UserId assigneeId,
        List<UserId> watchers,
        String rank,
        UserId createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
