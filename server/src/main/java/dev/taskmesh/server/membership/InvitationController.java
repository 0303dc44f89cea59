package dev.taskmesh.server.membership;

import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.wire.Page;
import dev.taskmesh.api.workspace.InvitationAnswer;
import dev.taskmesh.api.workspace.InvitationView;
import dev.taskmesh.api.workspace.InviteRequest;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ProblemType;
import dev.taskmesh.server.web.Requires;
import dev.taskmesh.server.web.Validation;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Inviting people by email address, and their answers (docs/api.md#invitations). */
@RestController
class InvitationController {

    private final Invitations invitations;
    private final JdbcMembershipDirectory directory;

    InvitationController(Invitations invitations, JdbcMembershipDirectory directory) {
        this.invitations = invitations;
        this.directory = directory;
    }

    /** Always 202 and no body, whether the address has an account, a membership here, or neither. */
    @PostMapping("/api/workspaces/{ws}/invitations")
    @Requires(Permission.MANAGE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    void invite(CurrentUser user, @PathVariable WorkspaceId ws, @RequestBody InviteRequest request) {
        Validation.of()
                .email("/email", request.email())
                .role("/role", request.role())
                .orThrow();
        WorkspaceRole role = WorkspaceRole.fromWireName(request.role());
        // the workspace decides this too; asked here as well, since an address that is a member sends no command
        if (role == WorkspaceRole.OWNER && !directory.isOwner(ws, user.id())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only owners invite owners.");
        }
        invitations.invite(ws, request.email(), role, user.id());
    }

    @GetMapping("/api/workspaces/{ws}/invitations")
    @Requires(Permission.MANAGE)
    Page<InvitationView> pending(
            @PathVariable WorkspaceId ws,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        PageRequest page = PageRequest.of(cursor, limit);
        return page.page(invitations.pendingIn(ws, page.after(), page.limit()), Ranked::position)
                .map(Ranked::item);
    }

    @DeleteMapping("/api/workspaces/{ws}/invitations/{invitation}")
    @Requires(Permission.MANAGE)
    CommandAccepted revoke(CurrentUser user, @PathVariable WorkspaceId ws, @PathVariable String invitation) {
        return invitations.revoke(ws, invitationId(invitation), user.id());
    }

    /** Invitations to the caller's address, once it is verified: an unverified address could be anyone's. */
    @GetMapping("/api/me/invitations")
    Page<InvitationView> mine(
            CurrentUser user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        PageRequest page = PageRequest.of(cursor, limit);
        return page.page(invitations.pendingFor(user.id(), page.after(), page.limit()), Ranked::position)
                .map(Ranked::item);
    }

    @PostMapping("/api/invitations/{invitation}/accept")
    CommandAccepted accept(
            CurrentUser user, @PathVariable String invitation, @RequestBody(required = false) InvitationAnswer answer) {
        return invitations.accept(invitationId(invitation), answer == null ? null : answer.token(), user.id());
    }

    @PostMapping("/api/invitations/{invitation}/decline")
    CommandAccepted decline(
            CurrentUser user, @PathVariable String invitation, @RequestBody(required = false) InvitationAnswer answer) {
        return invitations.decline(invitationId(invitation), answer == null ? null : answer.token(), user.id());
    }

    /** An id that is not one names no invitation. */
    private static UUID invitationId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No such invitation.");
        }
    }
}
