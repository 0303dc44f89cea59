package dev.taskmesh.api.workspace;

/** The deleted workspace's grace period passed: every read model drops its rows, in replays and rebuilds too. */
public record WorkspacePurgedEvent(WorkspaceId workspaceId) implements WorkspaceEvent {}
