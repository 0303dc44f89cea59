package dev.taskmesh.server.membership;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.wire.Page;
import dev.taskmesh.api.workspace.AddMemberCommand;
import dev.taskmesh.api.workspace.AddMemberRequest;
import dev.taskmesh.api.workspace.ArchiveWorkspaceCommand;
import dev.taskmesh.api.workspace.ChangeMemberRoleCommand;
import dev.taskmesh.api.workspace.ChangeRoleRequest;
import dev.taskmesh.api.workspace.CreateWorkspaceCommand;
import dev.taskmesh.api.workspace.CreateWorkspaceRequest;
import dev.taskmesh.api.workspace.DeleteWorkspaceCommand;
import dev.taskmesh.api.workspace.MemberView;
import dev.taskmesh.api.workspace.Permission;
import dev.taskmesh.api.workspace.RemoveMemberCommand;
import dev.taskmesh.api.workspace.TransferOwnershipCommand;
import dev.taskmesh.api.workspace.TransferOwnershipRequest;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.api.workspace.WorkspaceSummary;
import dev.taskmesh.command.config.CommandSender;
import dev.taskmesh.query.config.ReadModelChanges;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.cache.ListCache;
import dev.taskmesh.server.web.MergePatch;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ProblemType;
import dev.taskmesh.server.web.Requires;
import dev.taskmesh.server.web.Validation;
import java.net.URI;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Workspaces and their members. Reads come straight from the membership table, which is as current as the last
 * committed command, so they take no {@code minPosition}.
 */
@RestController
@RequestMapping("/api/workspaces")
class WorkspaceController {

    private final CommandSender commands;
    private final JdbcMembershipDirectory directory;

    private final ListCache cache;

    WorkspaceController(CommandSender commands, JdbcMembershipDirectory directory, ListCache cache) {
        this.commands = commands;
        this.directory = directory;
        this.cache = cache;
    }

    @PostMapping
    ResponseEntity<CommandAccepted> create(CurrentUser user, @RequestBody CreateWorkspaceRequest request) {
        Validation.of().text("/name", request.name(), 1, 100).orThrow();
        WorkspaceId workspaceId = WorkspaceId.random();
        CommandAccepted accepted = commands.send(
                new CreateWorkspaceCommand(workspaceId, request.name().strip(), user.id()), workspaceId);
        return ResponseEntity.created(URI.create("/api/workspaces/" + workspaceId))
                .body(accepted);
    }

    @GetMapping
    Page<WorkspaceSummary> mine(
            CurrentUser user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        PageRequest page = PageRequest.of(cursor, limit);
        return page.page(directory.workspacesOf(user.id(), page.after(), page.limit()), Ranked::position)
                .map(Ranked::item);
    }

    @GetMapping("/{ws}")
    WorkspaceSummary one(CurrentUser user, @PathVariable WorkspaceId ws) {
        return directory.workspace(ws, user.id()).orElseThrow(() -> ProblemException.notFound("No such workspace."));
    }

    /** A JSON Merge Patch of {@code archived}: owners archive a workspace, which makes it read-only, and unarchive it. */
    @PatchMapping(
            path = "/{ws}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Requires(Permission.MANAGE)
    CommandAccepted change(CurrentUser user, @PathVariable WorkspaceId ws, @RequestBody JsonNode body) {
        MergePatch patch = MergePatch.of(body, Set.of("archived"));
        Boolean archived = patch.bool("archived");
        patch.orThrow();
        return commands.send(new ArchiveWorkspaceCommand(ws, archived, user.id()), ws);
    }

    /**
     * Owners delete a workspace: it is gone for every member at once (404, live subscriptions ended); its read models
     * are purged after the grace period, its events kept.
     */
    @DeleteMapping("/{ws}")
    @Requires(Permission.MANAGE)
    CommandAccepted delete(CurrentUser user, @PathVariable WorkspaceId ws) {
        return commands.send(new DeleteWorkspaceCommand(ws, user.id()), ws);
    }

    @GetMapping("/{ws}/members")
    Page<MemberView> members(
            @PathVariable WorkspaceId ws,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        PageRequest page = PageRequest.of(cursor, limit);
        return cache.page(
                ReadModelChanges.MEMBERS,
                ws,
                page,
                MemberView.class,
                () -> page.page(directory.membersOf(ws, page.after(), page.limit()), Ranked::position)
                        .map(Ranked::item));
    }

    @PostMapping("/{ws}/members")
    @Requires(Permission.MANAGE)
    ResponseEntity<CommandAccepted> addMember(
            CurrentUser user, @PathVariable WorkspaceId ws, @RequestBody AddMemberRequest request) {
        Validation.of()
                .parses("/userId", request.userId(), UserId::parse, "must be a user id")
                .role("/role", request.role())
                .orThrow();
        UserId member = UserId.parse(request.userId());
        CommandAccepted accepted = commands.send(
                new AddMemberCommand(ws, member, WorkspaceRole.fromWireName(request.role()), user.id()), ws);
        return ResponseEntity.created(URI.create("/api/workspaces/" + ws + "/members"))
                .body(accepted);
    }

    /**
     * Owners and admins change roles; the workspace decides who may grant or take away ownership and keeps its last
     * owner (ChangeMemberRoleCommand). The path's member is looked up first, and an admin touching an owner is told
     * 403 before anything about the body, in the conventions' order.
     */
    @PutMapping("/{ws}/members/{userId}/role")
    @Requires(Permission.MANAGE)
    CommandAccepted changeRole(
            CurrentUser user,
            @PathVariable WorkspaceId ws,
            @PathVariable String userId,
            @RequestBody ChangeRoleRequest request) {
        UserId member = memberId(userId);
        WorkspaceRole current =
                directory.roleOf(ws, member).orElseThrow(() -> ProblemException.notFound("No such member."));
        if (current == WorkspaceRole.OWNER && !directory.isOwner(ws, user.id())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only owners grant or take away ownership.");
        }
        Validation.of().role("/role", request.role()).orThrow();
        return commands.send(
                new ChangeMemberRoleCommand(ws, member, WorkspaceRole.fromWireName(request.role()), user.id()), ws);
    }

    /** An owner hands the workspace to another member, who becomes an owner; the requester becomes an admin. */
    @PostMapping("/{ws}/ownership")
    @Requires(Permission.MANAGE)
    CommandAccepted transferOwnership(
            CurrentUser user, @PathVariable WorkspaceId ws, @RequestBody TransferOwnershipRequest request) {
        if (!directory.isOwner(ws, user.id())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only an owner hands ownership over.");
        }
        Validation.of()
                .parses("/userId", request.userId(), UserId::parse, "must be a user id")
                .orThrow();
        return commands.send(new TransferOwnershipCommand(ws, UserId.parse(request.userId()), user.id()), ws);
    }

    /** Removing someone needs MANAGE, leaving does not: the workspace decides (RemoveMemberCommand), not the route. */
    @DeleteMapping("/{ws}/members/{userId}")
    CommandAccepted removeMember(CurrentUser user, @PathVariable WorkspaceId ws, @PathVariable String userId) {
        return commands.send(new RemoveMemberCommand(ws, memberId(userId), user.id()), ws);
    }

    /** A member's id from the path: anything that is not one names no member. */
    private static UserId memberId(String userId) {
        try {
            return UserId.parse(userId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No such member.");
        }
    }
}
