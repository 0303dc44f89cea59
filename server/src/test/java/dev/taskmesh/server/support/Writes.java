package dev.taskmesh.server.support;

import static dev.taskmesh.server.support.Api.expect;

import dev.taskmesh.server.support.Api.User;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One user's writes to a board, each expected to succeed, remembering the highest position written so reads can
 * ask for it ({@code ?minPosition=}) and see every write so far.
 */
public final class Writes {

    private final Api api;
    private final User user;
    private final String workspace;
    private final String project;
    private final AtomicLong lastPosition = new AtomicLong();

    public Writes(Api api, User user, String workspace, String project) {
        this.api = api;
        this.user = user;
        this.workspace = workspace;
        this.project = project;
    }

    /** The highest position of the writes so far. */
    public long lastPosition() {
        return lastPosition.get();
    }

    /** Creates a task in the board's project; answers its id. */
    public String create(String title) {
        return track(expect(api.createTask(user, workspace, project, title), 201))
                .text("id");
    }

    /** Posts a comment; answers its id. */
    public String comment(String task, String body) {
        return track(expect(api.post(taskPath(task) + "/comments", user.accessToken(), Map.of("body", body)), 201))
                .text("id");
    }

    public void status(String task, String status) {
        track(expect(api.post(taskPath(task) + "/status", user.accessToken(), Map.of("status", status)), 200));
    }

    public void assign(String task, String userId) {
        track(expect(api.post(taskPath(task) + "/assignee", user.accessToken(), Map.of("assigneeId", userId)), 200));
    }

    public void patch(String task, Map<String, Object> changes) {
        track(expect(
                api.patch(taskPath(task), user.accessToken(), changes, "Content-Type", "application/merge-patch+json"),
                200));
    }

    /** Remembers the position of a write made otherwise; answers it. */
    public Api.Response track(Api.Response write) {
        lastPosition.accumulateAndGet(write.body().path("globalPosition").asLong(), Math::max);
        return write;
    }

    public String taskPath(String task) {
        return "/api/workspaces/" + workspace + "/tasks/" + task;
    }
}
