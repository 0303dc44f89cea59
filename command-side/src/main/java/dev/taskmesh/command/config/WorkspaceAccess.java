package dev.taskmesh.command.config;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandRejectedException;
import dev.taskmesh.api.workspace.Membership;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;

/**
 * The permission checks command handlers start with, refusing in the HTTP layer's order: not a member (404, never
 * saying whether the workspace exists) before a role that does not allow the action (403), before a change to an
 * archived workspace (409).
 */
public final class WorkspaceAccess {

    /** What a change to an archived workspace is told, by this check and by the workspace itself. */
    public static final String ARCHIVED = "The workspace is archived: unarchive it to change anything in it.";

    private WorkspaceAccess() {}

    /** Both checks at once, for handlers with nothing to check in between. */
    public static Membership require(
            MembershipDirectory memberships, WorkspaceId workspaceId, UserId userId, Permission permission) {
        Membership membership = member(memberships, workspaceId, userId);
        allow(membership.role(), permission);
        changeable(membership, permission);
        return membership;
    }

    /** @throws CommandRejectedException NOT_FOUND when the user is not a member of the workspace */
    public static Membership member(MembershipDirectory memberships, WorkspaceId workspaceId, UserId userId) {
        return memberships
                .membershipOf(workspaceId, userId)
                .orElseThrow(() -> CommandRejectedException.notFound("No such workspace."));
    }

    /**
     * @throws CommandRejectedException CONFLICT for a change (anything past reading, which watching a task is) to an
     *     archived workspace
     */
    public static void changeable(Membership membership, Permission permission) {
        if (permission != Permission.READ && membership.archived()) {
            throw CommandRejectedException.conflict(ARCHIVED);
        }
    }

    /** @throws CommandRejectedException FORBIDDEN when the role does not allow the permission */
    public static void allow(WorkspaceRole role, Permission permission) {
        if (!role.allows(permission)) {
            throw CommandRejectedException.forbidden("Your role (" + role.wireName() + ") does not allow this.");
        }
    }
}
