package dev.taskmesh.api.workspace;

/** A member's role in a workspace, and whether the workspace is archived (and so read-only): one lookup answers both. */
public record Membership(WorkspaceRole role, boolean archived) {}
