package dev.taskmesh.server.support;

import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api.User;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Where realtime tests start: a fresh owner's workspace with one project, both already relayed to its stream. */
public record Board(User owner, String workspace, String project) {

    public static Board create(Api api, JdbcClient jdbc, String name) {
        User owner = api.registerAndLogin(unique("owner"));
        String workspace = api.createWorkspace(owner, name);
        Board board = new Board(owner, workspace, api.createProject(owner, workspace, "Board"));
        awaitRelayed(jdbc, board.stream(), 2);
        return board;
    }

    public String stream() {
        return "workspace:" + workspace;
    }

    public void createTasks(Api api, int count) {
        for (int i = 0; i < count; i++) {
            Api.expect(api.createTask(owner, workspace, project, "Task " + i), 201);
        }
    }

    /**
     * Waits until the relay has given the stream {@code position}: WorkspaceCreated is 1, ProjectCreated 2. The relay
     * runs behind the writes, so a test that subscribes right after creating its board could otherwise see the
     * project's creation arrive live and miscount.
     */
    public static void awaitRelayed(JdbcClient jdbc, String stream, long position) {
        await().until(() -> jdbc.sql("SELECT coalesce(max(position), 0) FROM stream_head WHERE stream = :stream")
                        .param("stream", stream)
                        .query(Long.class)
                        .single()
                >= position);
    }

    /** Handles are unique per database, and a test class shares one database across its tests. */
    public static String unique(String handle) {
        return handle + UUID.randomUUID().toString().substring(0, 8);
    }
}
