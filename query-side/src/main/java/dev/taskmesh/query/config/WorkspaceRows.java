package dev.taskmesh.query.config;

import dev.taskmesh.api.workspace.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A purged workspace's rows leaving a read model: each projection names its own tables, in the order they go. */
public final class WorkspaceRows {

    private WorkspaceRows() {}

    public static void delete(JdbcClient jdbc, WorkspaceId workspace, String... tables) {
        for (String table : tables) {
            jdbc.sql("DELETE FROM " + table + " WHERE workspace_id = :workspaceId")
                    .param("workspaceId", workspace.value())
                    .update();
        }
    }
}
