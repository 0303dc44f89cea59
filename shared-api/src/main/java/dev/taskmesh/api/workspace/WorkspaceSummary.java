package dev.taskmesh.api.workspace;

import java.time.Instant;

/** A workspace as one of its members sees it, with that member's role; an archived one is read-only. */
public record WorkspaceSummary(WorkspaceId id, String name, WorkspaceRole role, Instant createdAt, boolean archived) {}
