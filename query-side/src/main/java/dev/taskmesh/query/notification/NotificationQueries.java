package dev.taskmesh.query.notification;

import dev.taskmesh.api.notification.CountUnreadQuery;
import dev.taskmesh.api.notification.FindNotificationQuery;
import dev.taskmesh.api.notification.FindNotificationsQuery;
import dev.taskmesh.api.notification.FindPreferencesOfQuery;
import dev.taskmesh.api.notification.FindPreferencesQuery;
import dev.taskmesh.api.notification.LoadNotificationQuery;
import dev.taskmesh.api.notification.NotificationKind;
import dev.taskmesh.api.notification.NotificationPage;
import dev.taskmesh.api.notification.NotificationPreferences;
import dev.taskmesh.api.notification.NotificationView;
import dev.taskmesh.api.notification.PreferencesByUser;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.query.config.Keyset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads inboxes. A notification is in view while its owner is a member of its workspace now (the list the caller
 * passes comes from the authoritative membership table); a removal notice stays in view, showing only the
 * workspace's name.
 */
@Component
class NotificationQueries {

    private static final String IN_VIEW = """
            n.user_id = :owner
            AND (n.kind = 'member-removed' OR n.workspace_id = ANY(CAST(:workspaces AS uuid[])))
            """;

    private final JdbcClient jdbc;
    private final StoredPreferences preferences;

    NotificationQueries(JdbcClient jdbc, StoredPreferences preferences) {
        this.jdbc = jdbc;
        this.preferences = preferences;
    }

    @QueryHandler
    NotificationPage handle(FindNotificationsQuery query) {
        List<Keyset.Row<NotificationView>> rows = jdbc.sql("SELECT n.* FROM notification n WHERE " + IN_VIEW + """
                          AND (NOT :unreadOnly OR NOT n.read) AND n.seq < :before
                        ORDER BY n.seq DESC LIMIT :limit
                        """)
                .param("owner", query.userId().value())
                .param("workspaces", ids(query.workspaces()))
                .param("unreadOnly", query.unreadOnly())
                .param("before", query.before() == 0 ? Long.MAX_VALUE : query.before())
                .param("limit", query.limit() + 1)
                .query((rs, row) -> new Keyset.Row<>(rs.getLong("seq"), view(rs)))
                .list();
        Keyset.Slice<NotificationView> slice = Keyset.slice(rows, query.limit());
        return new NotificationPage(slice.items(), slice.nextAfter());
    }

    @QueryHandler
    Long handle(CountUnreadQuery query) {
        return jdbc.sql("SELECT count(*) FROM notification n WHERE NOT n.read AND " + IN_VIEW)
                .param("owner", query.userId().value())
                .param("workspaces", ids(query.workspaces()))
                .query(Long.class)
                .single();
    }

    @QueryHandler
    Boolean handle(FindNotificationQuery query) {
        return jdbc.sql("SELECT count(*) FROM notification n WHERE n.id = :id AND " + IN_VIEW)
                        .param("id", query.id())
                        .param("owner", query.userId().value())
                        .param("workspaces", ids(query.workspaces()))
                        .query(Long.class)
                        .single()
                > 0;
    }

    @QueryHandler
    Optional<NotificationView> handle(LoadNotificationQuery query) {
        return jdbc.sql("SELECT n.* FROM notification n WHERE n.id = :id")
                .param("id", query.id())
                .query((rs, row) -> view(rs))
                .optional();
    }

    @QueryHandler
    NotificationPreferences handle(FindPreferencesQuery query) {
        return preferences.of(List.of(query.userId())).get(query.userId());
    }

    @QueryHandler
    PreferencesByUser handle(FindPreferencesOfQuery query) {
        return new PreferencesByUser(preferences.of(query.userIds()));
    }

    private static String[] ids(List<WorkspaceId> workspaces) {
        return workspaces.stream()
                .map(workspace -> workspace.value().toString())
                .toArray(String[]::new);
    }

    private static NotificationView view(ResultSet rs) throws SQLException {
        return new NotificationView(
                rs.getObject("id", UUID.class),
                NotificationKind.fromWireName(rs.getString("kind")),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                rs.getString("workspace_name"),
                party(rs, "actor_id", "actor_name"),
                party(rs, "task_id", "task_title"),
                party(rs, "project_id", "project_name"),
                rs.getString("excerpt"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getBoolean("read"));
    }

    private static NotificationView.Party party(ResultSet rs, String idColumn, String nameColumn) throws SQLException {
        String id = rs.getString(idColumn);
        return id == null ? null : new NotificationView.Party(id, rs.getString(nameColumn));
    }
}
