package dev.taskmesh.command.config;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandRejectedException;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;

/** The permission check every command handler starts with; it refuses in the HTTP layer's order. */
public final class WorkspaceAccess {

    private WorkspaceAccess() {}

    /** @throws CommandRejectedException NOT_FOUND for non-members (never say the workspace exists), else FORBIDDEN */
    public static WorkspaceRole require(
            MembershipDirectory memberships, WorkspaceId workspaceId, UserId userId, Permission permission) {
        WorkspaceRole role = memberships
                .roleOf(workspaceId, userId)
                .orElseThrow(() -> CommandRejectedException.notFound("No such workspace."));
        if (!role.allows(permission)) {
            throw CommandRejectedException.forbidden("Your role (" + role.wireName() + ") does not allow this.");
        }
        return role;
    }
}
