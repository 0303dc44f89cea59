package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static dev.taskmesh.server.support.Board.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.attachment.AttachmentStorage;
import dev.taskmesh.server.rebuild.RebuildProgress;
import dev.taskmesh.server.rebuild.Rebuilds;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.StreamClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deleting a workspace over HTTP: it is gone for every member at once, live subscriptions included, and once its grace
 * period (two seconds here) has passed, no read model holds a row of it and its files are gone; its events stay.
 */
class DeletedWorkspaceIT extends IntegrationTest {

    /** Tables that keep a deleted workspace's id on purpose: its tombstone, the systems of record, the id registries. */
    private static final List<String> KEPT = List.of("workspace", "stream_frame", "project_registry", "task_registry");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AttachmentStorage files;

    @Autowired
    Rebuilds rebuilds;

    private User owner;
    private User admin;
    private User member;
    private String workspace;
    private String kept;
    private String task;
    private String attachment;

    @DynamicPropertySource
    static void shortGracePeriod(DynamicPropertyRegistry registry) {
        registry.add("taskmesh.workspaces.grace-period", () -> "2s");
        registry.add("taskmesh.workspaces.purge-interval", () -> "500ms");
    }

    @BeforeEach
    void aWorkspaceFullOfWork() {
        owner = api.registerAndLogin(unique("owner"));
        admin = api.registerAndLogin(unique("admin"));
        member = api.registerAndLogin(unique("member"));
        workspace = api.createWorkspace(owner, "Doomed");
        kept = api.createWorkspace(owner, "Kept");
        expect(api.addMember(owner, workspace, admin, "admin"), 201);
        expect(api.addMember(owner, workspace, member, "member"), 201);
        String project = api.createProject(owner, workspace, "Doomed project");
        task = expect(api.createTask(owner, workspace, project, "Doomed task"), 201)
                .text("id");
        String tasks = "/api/workspaces/" + workspace + "/tasks/" + task;
        expect(api.post(tasks + "/assignee", owner.accessToken(), Map.of("assigneeId", member.id())), 200);
        expect(api.post(tasks + "/comments", owner.accessToken(), Map.of("body", "Doomed comment")), 201);
        expect(
                api.post(
                        "/api/workspaces/" + workspace + "/invitations",
                        owner.accessToken(),
                        Map.of("email", unique("invitee") + "@example.com", "role", "member")),
                202);
        attachment = expect(
                        api.upload(
                                tasks + "/attachments",
                                owner.accessToken(),
                                "file",
                                "notes.txt",
                                "text/plain",
                                "doomed notes".getBytes(StandardCharsets.UTF_8)),
                        202)
                .text("id");
        expect(api.createTask(owner, kept, api.createProject(owner, kept, "Kept project"), "Kept task"), 201);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rowsOf(workspace).contains("attachment_view")
                        && rowsOf(workspace).contains("notification")
                        && rowsOf(workspace).contains("search_task"));
    }

    @Test
    void onlyOwnersDelete() {
        assertThat(api.delete("/api/workspaces/" + workspace, admin.accessToken())
                        .status())
                .isEqualTo(403);
        assertThat(api.delete("/api/workspaces/" + workspace, member.accessToken())
                        .status())
                .isEqualTo(403);
        assertThat(api.delete("/api/workspaces/" + kept, member.accessToken()).status())
                .isEqualTo(404);
        expect(api.get("/api/workspaces/" + workspace, member.accessToken()), 200);
    }

    @Test
    void aDeletedWorkspaceIsGoneForEveryMemberAtOnceAndItsLiveStreamsEnd() {
        try (StreamClient client = StreamClient.connect(api.base(), member.accessToken())) {
            client.subscribe("workspace:" + workspace, null);
            client.subscribe("task:" + task, null);

            expect(api.delete("/api/workspaces/" + workspace, owner.accessToken()), 200);

            for (User user : List.of(owner, admin, member)) {
                assertThat(api.get("/api/workspaces/" + workspace, user.accessToken())
                                .status())
                        .isEqualTo(404);
                assertThat(api.get("/api/workspaces/" + workspace + "/tasks/" + task, user.accessToken())
                                .status())
                        .isEqualTo(404);
            }
            assertThat(expect(api.get("/api/workspaces", owner.accessToken()), 200)
                            .rawBody())
                    .doesNotContain(workspace)
                    .contains(kept);
            await().atMost(Duration.ofSeconds(5))
                    .until(
                            () ->
                                    client
                                            .all(frame -> "membership-revoked"
                                                    .equals(frame.path("code").asString()))
                                            .stream()
                                            .map(frame -> frame.path("stream").asString())
                                            .toList(),
                            revoked -> revoked.containsAll(List.of("workspace:" + workspace, "task:" + task)));
        }
    }

    @Test
    void afterTheGracePeriodNoReadModelHoldsTheWorkspaceAndItsFilesAreGone() {
        expect(api.delete("/api/workspaces/" + workspace, owner.accessToken()), 200);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(rowsOf(workspace)).isEmpty());
        assertThatThrownBy(() -> files.open(attachment)).isInstanceOf(IOException.class);
        assertThat(rowsOf(kept)).contains("task_view", "search_task", "project_view");
        // the events stay: the store is the record of what happened
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :ws")
                        .param("ws", workspace)
                        .query(Long.class)
                        .single())
                .isGreaterThan(3);
    }

    @Test
    void aPurgedWorkspaceStaysPurgedThroughEveryRebuild() {
        expect(api.delete("/api/workspaces/" + workspace, owner.accessToken()), 200);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(rowsOf(workspace)).isEmpty());

        for (String readModel : rebuilds.names()) {
            RebuildProgress end = rebuilds.run(readModel, progress -> {});
            assertThat(end.state()).as(readModel + ": " + end.error()).isEqualTo(RebuildProgress.State.DONE);
        }

        assertThat(rowsOf(workspace)).isEmpty();
        assertThat(rowsOf(kept)).contains("task_view", "search_task", "project_view");
    }

    /** Every table outside {@link #KEPT} with a workspace_id column that has rows of the workspace. */
    private List<String> rowsOf(String workspaceId) {
        List<String> tables = new ArrayList<>();
        for (String table : jdbc.sql("""
                        SELECT c.relname FROM pg_attribute a
                          JOIN pg_class c ON c.oid = a.attrelid
                          JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                           AND a.attname = 'workspace_id' AND NOT a.attisdropped
                         ORDER BY 1
                        """).query(String.class).list()) {
            if (KEPT.contains(table)) {
                continue;
            }
            long rows = jdbc.sql("SELECT count(*) FROM \"" + table + "\" WHERE workspace_id = :ws::uuid")
                    .param("ws", workspaceId)
                    .query(Long.class)
                    .single();
            if (rows > 0) {
                tables.add(table);
            }
        }
        return tables;
    }
}
