package dev.taskmesh.server.feed;

import dev.taskmesh.api.feed.FeedItem;
import dev.taskmesh.api.feed.FeedPage;
import dev.taskmesh.api.feed.FindFeedQuery;
import dev.taskmesh.api.wire.Page;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.replica.ReplicaReads;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me/feed}: what happened in the caller's workspaces, newest first. The workspaces come from the
 * membership table at the moment of the read, never from the feed's own rows.
 */
@RestController
class FeedController {

    private static final String READ_MODEL = "activity-feed";

    private final QueryGateway queries;
    private final MembershipDirectory memberships;
    private final ReplicaReads reads;

    FeedController(QueryGateway queries, MembershipDirectory memberships, ReplicaReads reads) {
        this.queries = queries;
        this.memberships = memberships;
        this.reads = reads;
    }

    @GetMapping("/api/me/feed")
    Page<FeedItem> feed(
            CurrentUser user,
            @RequestParam(required = false) String workspace,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long minPosition) {
        PageRequest page = PageRequest.of(cursor, limit);
        List<WorkspaceId> workspaces = memberships.workspacesOf(user.id());
        if (workspace != null) {
            WorkspaceId only = parse(workspace);
            // a workspace the caller is not in filters to nothing rather than telling whether it exists
            workspaces = workspaces.contains(only) ? List.of(only) : List.of();
        }
        FindFeedQuery query = new FindFeedQuery(user.id(), workspaces, page.after(), page.limit());
        FeedPage feed = reads.read(
                minPosition, () -> queries.query(query, FeedPage.class).join(), READ_MODEL);
        return new Page<>(feed.items(), PageRequest.cursor(feed.nextBefore()));
    }

    private static WorkspaceId parse(String workspace) {
        try {
            return WorkspaceId.parse(workspace);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidQuery("workspace", "must be a workspace id");
        }
    }
}
