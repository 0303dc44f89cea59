package dev.taskmesh.api.workspace;

/** What an action needs. The one permission table: {@link WorkspaceRole#allows(Permission)}. */
public enum Permission {
    /** See the workspace, its members, projects and tasks. */
    READ,
    /** Create and change tasks and comments. */
    WRITE,
    /** Manage projects and members. */
    MANAGE
}
