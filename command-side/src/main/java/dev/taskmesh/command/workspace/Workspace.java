package dev.taskmesh.command.workspace;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandRejectedException;
import dev.taskmesh.api.workspace.AcceptInvitationCommand;
import dev.taskmesh.api.workspace.AddMemberCommand;
import dev.taskmesh.api.workspace.ArchiveWorkspaceCommand;
import dev.taskmesh.api.workspace.ChangeMemberRoleCommand;
import dev.taskmesh.api.workspace.CreateWorkspaceCommand;
import dev.taskmesh.api.workspace.DeclineInvitationCommand;
import dev.taskmesh.api.workspace.DeleteWorkspaceCommand;
import dev.taskmesh.api.workspace.InvitationAcceptedEvent;
import dev.taskmesh.api.workspace.InvitationDeclinedEvent;
import dev.taskmesh.api.workspace.InvitationRevokedEvent;
import dev.taskmesh.api.workspace.InviteMemberCommand;
import dev.taskmesh.api.workspace.MemberAddedEvent;
import dev.taskmesh.api.workspace.MemberInvitedEvent;
import dev.taskmesh.api.workspace.MemberRemovedEvent;
import dev.taskmesh.api.workspace.MemberRoleChangedEvent;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.PurgeWorkspaceCommand;
import dev.taskmesh.api.workspace.RemoveMemberCommand;
import dev.taskmesh.api.workspace.RevokeInvitationCommand;
import dev.taskmesh.api.workspace.TransferOwnershipCommand;
import dev.taskmesh.api.workspace.WorkspaceArchivedEvent;
import dev.taskmesh.api.workspace.WorkspaceCreatedEvent;
import dev.taskmesh.api.workspace.WorkspaceDeletedEvent;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspacePurgedEvent;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.api.workspace.WorkspaceUnarchivedEvent;
import dev.taskmesh.command.account.AccountDirectory;
import dev.taskmesh.command.config.WorkspaceAccess;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A workspace and who is in it, with which role: the state every membership rule is decided on. */
@Aggregate
class Workspace {

    @AggregateIdentifier
    private WorkspaceId workspaceId;

    private final Map<UserId, WorkspaceRole> members = new HashMap<>();
    /** Pending invitations and the role each offers; the address and the expiry are the invitation table's. */
    private final Map<UUID, Invitation> invitations = new HashMap<>();

    private record Invitation(WorkspaceRole role, UserId invitedBy) {}

    private boolean archived;
    private boolean deleted;
    private boolean purged;

    Workspace() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(CreateWorkspaceCommand command) {
        apply(new WorkspaceCreatedEvent(command.workspaceId(), command.name(), command.ownerId()));
        return getVersion();
    }

    @CommandHandler
    long handle(AddMemberCommand command, AccountDirectory accounts) {
        WorkspaceRole requester = requester(command.requestedBy());
        if (!requester.allows(Permission.MANAGE)) {
            throw CommandRejectedException.forbidden("Only owners and admins add members.");
        }
        if (command.role() == WorkspaceRole.OWNER && requester != WorkspaceRole.OWNER) {
            throw CommandRejectedException.forbidden("Only owners make other owners.");
        }
        requireChangeable();
        if (!accounts.exists(command.userId())) {
            throw CommandRejectedException.invalid("userId", "No registered user has this id.");
        }
        if (members.containsKey(command.userId())) {
            throw CommandRejectedException.conflict("That user is already a member of this workspace.");
        }
        apply(new MemberAddedEvent(command.workspaceId(), command.userId(), command.role(), command.requestedBy()));
        return getVersion();
    }

    /**
     * Anyone may leave; owners and admins remove others, only owners remove an owner, and the last owner stays, so a
     * workspace is never left without one.
     */
    @CommandHandler
    long handle(RemoveMemberCommand command) {
        WorkspaceRole requester = requester(command.requestedBy());
        WorkspaceRole member = members.get(command.userId());
        if (member == null) {
            throw CommandRejectedException.notFound("No such member.");
        }
        boolean leaving = command.userId().equals(command.requestedBy());
        if (!leaving && !requester.allows(Permission.MANAGE)) {
            throw CommandRejectedException.forbidden("Only owners and admins remove members.");
        }
        if (!leaving && member == WorkspaceRole.OWNER && requester != WorkspaceRole.OWNER) {
            throw CommandRejectedException.forbidden("Only owners remove an owner.");
        }
        if (member == WorkspaceRole.OWNER && owners() == 1) {
            throw CommandRejectedException.conflict("The last owner cannot leave; make another member owner first.");
        }
        apply(new MemberRemovedEvent(command.workspaceId(), command.userId(), command.requestedBy()));
        return getVersion();
    }

    /**
     * Owners and admins change roles; only owners grant or take away ownership, and the last owner keeps it until
     * someone else has it. Giving a member the role it has changes nothing.
     */
    @CommandHandler
    long handle(ChangeMemberRoleCommand command) {
        WorkspaceRole requester = requester(command.requestedBy());
        if (!requester.allows(Permission.MANAGE)) {
            throw CommandRejectedException.forbidden("Only owners and admins change roles.");
        }
        WorkspaceRole current = members.get(command.userId());
        if (current == null) {
            throw CommandRejectedException.notFound("No such member.");
        }
        if ((command.role() == WorkspaceRole.OWNER || current == WorkspaceRole.OWNER)
                && requester != WorkspaceRole.OWNER) {
            throw CommandRejectedException.forbidden("Only owners grant or take away ownership.");
        }
        requireChangeable();
        if (current == command.role()) {
            return getVersion();
        }
        if (current == WorkspaceRole.OWNER && owners() == 1) {
            throw CommandRejectedException.conflict(
                    "The last owner cannot be demoted; transfer ownership to another member first.");
        }
        apply(new MemberRoleChangedEvent(
                command.workspaceId(), command.userId(), command.role(), command.requestedBy()));
        return getVersion();
    }

    /** An owner hands over: the other member becomes an owner first, so the workspace always has one. */
    @CommandHandler
    long handle(TransferOwnershipCommand command) {
        WorkspaceRole requester = requester(command.requestedBy());
        if (requester != WorkspaceRole.OWNER) {
            throw CommandRejectedException.forbidden("Only an owner hands ownership over.");
        }
        requireChangeable();
        WorkspaceRole next = members.get(command.newOwnerId());
        if (next == null) {
            throw CommandRejectedException.invalid("userId", "must be a member of this workspace");
        }
        if (command.newOwnerId().equals(command.requestedBy())) {
            throw CommandRejectedException.invalid("userId", "must be another member");
        }
        if (next != WorkspaceRole.OWNER) {
            apply(new MemberRoleChangedEvent(
                    command.workspaceId(), command.newOwnerId(), WorkspaceRole.OWNER, command.requestedBy()));
        }
        apply(new MemberRoleChangedEvent(
                command.workspaceId(), command.requestedBy(), WorkspaceRole.ADMIN, command.requestedBy()));
        return getVersion();
    }

    @CommandHandler
    long handle(InviteMemberCommand command) {
        WorkspaceRole requester = requester(command.requestedBy());
        if (!requester.allows(Permission.MANAGE)) {
            throw CommandRejectedException.forbidden("Only owners and admins invite.");
        }
        if (command.role() == WorkspaceRole.OWNER && requester != WorkspaceRole.OWNER) {
            throw CommandRejectedException.forbidden("Only owners invite owners.");
        }
        requireChangeable();
        apply(new MemberInvitedEvent(
                command.workspaceId(), command.invitationId(), command.role(), command.requestedBy()));
        return getVersion();
    }

    /**
     * The invitee joins with the invited role, as added by whoever invited them. Who may answer (the link's token, or
     * a verified address) and until when is the invitation table's to say; the workspace says whether it still
     * stands.
     */
    @CommandHandler
    long handle(AcceptInvitationCommand command) {
        Invitation invitation = pending(command.invitationId());
        requireChangeable();
        if (members.containsKey(command.userId())) {
            throw CommandRejectedException.conflict("You are already a member of this workspace.");
        }
        apply(new InvitationAcceptedEvent(command.workspaceId(), command.invitationId(), command.userId()));
        apply(new MemberAddedEvent(command.workspaceId(), command.userId(), invitation.role(), invitation.invitedBy()));
        return getVersion();
    }

    @CommandHandler
    long handle(DeclineInvitationCommand command) {
        pending(command.invitationId());
        apply(new InvitationDeclinedEvent(command.workspaceId(), command.invitationId(), command.userId()));
        return getVersion();
    }

    @CommandHandler
    long handle(RevokeInvitationCommand command) {
        WorkspaceRole requester = requester(command.requestedBy());
        if (!requester.allows(Permission.MANAGE)) {
            throw CommandRejectedException.forbidden("Only owners and admins revoke invitations.");
        }
        pending(command.invitationId());
        apply(new InvitationRevokedEvent(command.workspaceId(), command.invitationId(), command.requestedBy()));
        return getVersion();
    }

    /**
     * Owners archive a workspace, after which nothing in it changes (WorkspaceAccess refuses the other aggregates'
     * commands) but leaving, and owners unarchive it. Archiving what is archived changes nothing.
     */
    @CommandHandler
    long handle(ArchiveWorkspaceCommand command) {
        WorkspaceRole requester = requester(command.requestedBy());
        if (requester != WorkspaceRole.OWNER) {
            throw CommandRejectedException.forbidden("Only owners archive or unarchive a workspace.");
        }
        if (command.archived() != null && command.archived() != archived) {
            apply(
                    command.archived()
                            ? new WorkspaceArchivedEvent(command.workspaceId(), command.requestedBy())
                            : new WorkspaceUnarchivedEvent(command.workspaceId(), command.requestedBy()));
        }
        return getVersion();
    }

    /**
     * Owners delete a workspace: from then on it has no members, so every command about it is refused as for a
     * workspace that does not exist. Its read models are purged once the grace period has passed.
     */
    @CommandHandler
    long handle(DeleteWorkspaceCommand command) {
        WorkspaceRole requester = requester(command.requestedBy());
        if (requester != WorkspaceRole.OWNER) {
            throw CommandRejectedException.forbidden("Only owners delete a workspace.");
        }
        apply(new WorkspaceDeletedEvent(command.workspaceId(), command.requestedBy()));
        return getVersion();
    }

    /** The server's purge, once per deleted workspace: again, or for a workspace still in use, changes nothing. */
    @CommandHandler
    long handle(PurgeWorkspaceCommand command) {
        if (deleted && !purged) {
            apply(new WorkspacePurgedEvent(command.workspaceId()));
        }
        return getVersion();
    }

    /** The requester's role; someone who is no member is told the workspace does not exist. */
    private WorkspaceRole requester(UserId user) {
        WorkspaceRole role = members.get(user);
        if (role == null) {
            throw CommandRejectedException.notFound("No such workspace.");
        }
        return role;
    }

    /** An archived workspace takes no new members, invitations or roles; its members may still leave. */
    private void requireChangeable() {
        if (archived) {
            throw CommandRejectedException.conflict(WorkspaceAccess.ARCHIVED);
        }
    }

    private Invitation pending(UUID invitationId) {
        Invitation invitation = invitations.get(invitationId);
        if (invitation == null) {
            throw CommandRejectedException.notFound("No such invitation.");
        }
        return invitation;
    }

    private long owners() {
        return members.values().stream().filter(WorkspaceRole.OWNER::equals).count();
    }

    @EventSourcingHandler
    void on(WorkspaceCreatedEvent event) {
        workspaceId = event.workspaceId();
        members.put(event.ownerId(), WorkspaceRole.OWNER);
    }

    @EventSourcingHandler
    void on(MemberAddedEvent event) {
        members.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(MemberRoleChangedEvent event) {
        members.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(WorkspaceArchivedEvent event) {
        archived = true;
    }

    @EventSourcingHandler
    void on(WorkspaceUnarchivedEvent event) {
        archived = false;
    }

    @EventSourcingHandler
    void on(WorkspaceDeletedEvent event) {
        deleted = true;
        members.clear();
        invitations.clear();
    }

    @EventSourcingHandler
    void on(WorkspacePurgedEvent event) {
        purged = true;
    }

    @EventSourcingHandler
    void on(MemberInvitedEvent event) {
        invitations.put(event.invitationId(), new Invitation(event.role(), event.invitedBy()));
    }

    @EventSourcingHandler
    void on(InvitationAcceptedEvent event) {
        invitations.remove(event.invitationId());
    }

    @EventSourcingHandler
    void on(InvitationDeclinedEvent event) {
        invitations.remove(event.invitationId());
    }

    @EventSourcingHandler
    void on(InvitationRevokedEvent event) {
        invitations.remove(event.invitationId());
    }

    @EventSourcingHandler
    void on(MemberRemovedEvent event) {
        members.remove(event.userId());
    }
}
