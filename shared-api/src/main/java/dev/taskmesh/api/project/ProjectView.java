package dev.taskmesh.api.project;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.time.Instant;

public record ProjectView(
        ProjectId id,
        WorkspaceId workspaceId,
        String name,
        String description,
        boolean archived,
        UserId createdBy,
        Instant createdAt,
        long version) {}
