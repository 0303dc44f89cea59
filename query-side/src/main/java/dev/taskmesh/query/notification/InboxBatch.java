package dev.taskmesh.query.notification;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.notification.NotificationView;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.WorkspaceId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one batch of the inbox processor looks up and what it owes when it commits. Lookups that many events of a
 * batch share (a workspace's members and name, an actor's name) are read once per batch; membership changes inside the
 * batch update the cached set, so each event still sees the members of its moment. New notifications and changed
 * unread counts are collected and handed on once, just before the batch commits: one count per owner, not one per
 * notification.
 */
final class InboxBatch implements NotificationRules.Facts {

    private final JdbcClient jdbc;
    private final Map<WorkspaceId, Set<UserId>> members = new HashMap<>();
    private final Map<WorkspaceId, String> workspaceNames = new HashMap<>();
    private final Map<UUID, String> userNames = new HashMap<>();
    private final Map<UserId, List<NotificationView>> created = new LinkedHashMap<>();
    private final Set<UserId> countChanged = new LinkedHashSet<>();

    InboxBatch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<UserId> members(WorkspaceId workspaceId) {
        return members.computeIfAbsent(
                workspaceId,
                id -> new HashSet<>(jdbc.sql("SELECT user_id FROM notify_member WHERE workspace_id = :workspaceId")
                        .param("workspaceId", id.value())
                        .query((rs, row) -> new UserId(rs.getObject(1, UUID.class)))
                        .list()));
    }

    @Override
    public Set<UserId> watchers(TaskId taskId) {
        return new HashSet<>(jdbc.sql("SELECT user_id FROM notify_watcher WHERE task_id = :taskId")
                .param("taskId", taskId.value())
                .query((rs, row) -> new UserId(rs.getObject(1, UUID.class)))
                .list());
    }

    /** Keeps the cached members in step with a join or a removal stored in this batch. */
    void membershipChanged(WorkspaceId workspaceId, UserId userId, boolean member) {
        Set<UserId> cached = members.get(workspaceId);
        if (cached != null) {
            if (member) {
                cached.add(userId);
            } else {
                cached.remove(userId);
            }
        }
    }

    String workspaceName(WorkspaceId workspaceId) {
        return workspaceNames.computeIfAbsent(
                workspaceId,
                id -> jdbc.sql("SELECT name FROM notify_workspace WHERE workspace_id = :workspaceId")
                        .param("workspaceId", id.value())
                        .query(String.class)
                        .optional()
                        .orElse(""));
    }

    String userName(UUID userId) {
        return userNames.computeIfAbsent(
                userId,
                id -> jdbc.sql("SELECT display_name FROM notify_user WHERE user_id = :userId")
                        .param("userId", id)
                        .query(String.class)
                        .optional()
                        .orElse(""));
    }

    /** A user's name changed within the batch: the next lookup reads it anew. */
    void renamed(UUID userId) {
        userNames.remove(userId);
    }

    void created(UserId owner, NotificationView notification) {
        created.computeIfAbsent(owner, key -> new java.util.ArrayList<>()).add(notification);
    }

    void countChanged(UserId owner) {
        countChanged.add(owner);
    }

    Map<UserId, List<NotificationView>> created() {
        return created;
    }

    /** Every owner whose unread count this batch changed, by new notifications or by read marks. */
    Set<UserId> owners() {
        Set<UserId> owners = new LinkedHashSet<>(created.keySet());
        owners.addAll(countChanged);
        return owners;
    }
}
