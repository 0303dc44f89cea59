package dev.taskmesh.api.workspace;

import dev.taskmesh.api.account.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authoritative answer to "is this user in that workspace, and as what". Backed by one table written in the
 * same transaction as the membership events, so a new member can act at once and a removed one cannot.
 */
public interface MembershipDirectory {

    /** Empty when the user is not a member, or the workspace does not exist: callers must not tell which. */
    Optional<WorkspaceRole> roleOf(WorkspaceId workspaceId, UserId userId);

    /** The members of the workspace among {@code handles} (lowercase), by handle; handles of non-members are absent. */
    Map<String, UserId> membersByHandle(WorkspaceId workspaceId, Collection<String> handles);

    /** The role, with the workspace's archived flag, for checks of a change; empty as for {@link #roleOf}. */
    Optional<Membership> membershipOf(WorkspaceId workspaceId, UserId userId);

    /** Every workspace the user is a member of now. */
    List<WorkspaceId> workspacesOf(UserId userId);
}
