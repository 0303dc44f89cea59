package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.Command;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.OpsTools;
import dev.taskmesh.server.support.StreamClient;
import dev.taskmesh.server.support.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A backup restored into an empty database serves a node as the original did: the same tasks, the same replay log
 * for reconnecting clients, the same answers to retried requests; and the operator's export holds a workspace's
 * events and state. Needs pg_dump and pg_restore (Debian's postgresql-client) of the server's major version.
 */
class BackupRestoreIT extends IntegrationTest {

    private static final String OPERATOR_TOKEN = "operator-" + UUID.randomUUID();
    private static final Path SCRIPTS =
            Path.of("..", "scripts").toAbsolutePath().normalize();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.core.env.Environment environment;

    @DynamicPropertySource
    static void operator(DynamicPropertyRegistry registry) {
        registry.add("taskmesh.admin.token", () -> OPERATOR_TOKEN);
    }

    @Test
    void aRestoredBackupServesTheSameTasksReplayLogAndRetriedRequests() throws Exception {
        OpsTools.require("pg_dump", "pg_restore", "psql");
        User owner = api.registerAndLogin(Board.unique("owner"));
        String workspace = api.createWorkspace(owner, "Backed up");
        String project = api.createProject(owner, workspace, "Board");
        String tasks = "/api/workspaces/" + workspace + "/projects/" + project + "/tasks";
        Api.Response created = expect(
                api.send("POST", tasks, owner.accessToken(), Map.of("title", "Survives"), "Idempotency-Key", "once"),
                201);
        String task = created.text("id");
        expect(api.readTask(owner, workspace, task, created), 200);
        List<Long> frames;
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            client.subscribe("workspace:" + workspace, 0L);
            frames = RealtimeStreamsIT.positions(client.awaitEvents("workspace:" + workspace, 3));
        }

        Path backup = Files.createTempDirectory("taskmesh-backup-").resolve("taskmesh.dump");
        run(0, "backup.sh", environment.getProperty("spring.datasource.url"), backup.toString());
        String restored = TestInfrastructure.get().createDatabase();
        run(0, "restore.sh", restored, backup.toString());
        // a second restore into the same, no longer empty, database is refused and changes nothing
        long events = count(restored, "domain_event_entry");
        assertThat(run(2, "restore.sh", restored, backup.toString())).contains("restore only into an empty database");
        assertThat(count(restored, "domain_event_entry")).isEqualTo(events);

        try (ConfigurableApplicationContext node = startNodeOn(restored)) {
            Api onRestored = Api.at("http://127.0.0.1:"
                    + ((WebServerApplicationContext) node).getWebServer().getPort());
            User again = new User(
                    owner.id(),
                    owner.handle(),
                    owner.email(),
                    onRestored
                            .post(
                                    "/api/auth/login",
                                    null,
                                    Map.of("email", owner.email(), "password", "correct horse " + owner.handle()))
                            .text("accessToken"),
                    null);
            assertThat(again.accessToken()).isNotNull();
            JsonNode read = expect(
                            onRestored.get("/api/workspaces/" + workspace + "/tasks/" + task, again.accessToken()), 200)
                    .body();
            assertThat(read.path("title").asString()).isEqualTo("Survives");
            Api.Response retried = expect(
                    onRestored.send(
                            "POST", tasks, again.accessToken(), Map.of("title", "Survives"), "Idempotency-Key", "once"),
                    201);
            assertThat(retried.text("id")).isEqualTo(task); // the stored answer, not a second task
            try (StreamClient client = StreamClient.connect(onRestored.base(), again.accessToken())) {
                client.subscribe("workspace:" + workspace, 0L);
                assertThat(RealtimeStreamsIT.positions(client.awaitEvents("workspace:" + workspace, 3)))
                        .isEqualTo(frames);
            }
        }
    }

    @Test
    void aWorkspaceExportHoldsItsEventsInOrderAndItsCurrentState() {
        User owner = api.registerAndLogin(Board.unique("owner"));
        String workspace = api.createWorkspace(owner, "Exported");
        String project = api.createProject(owner, workspace, "Board");
        Api.Response created = expect(api.createTask(owner, workspace, project, "Take it with you"), 201);
        expect(api.readTask(owner, workspace, created.text("id"), created), 200);
        String other = api.createWorkspace(owner, "Stays");

        assertThat(api.get("/admin/workspaces/" + workspace + "/export", null).status())
                .isEqualTo(401);
        assertThat(api.get("/admin/workspaces/" + UUID.randomUUID() + "/export", OPERATOR_TOKEN)
                        .status())
                .isEqualTo(404);
        Api.Response response = expect(api.get("/admin/workspaces/" + workspace + "/export", OPERATOR_TOKEN), 200);
        assertThat(response.header("Content-Disposition")).contains("workspace-" + workspace + ".json");
        JsonNode export = response.body();
        assertThat(export.path("workspace").path("name").asString()).isEqualTo("Exported");
        assertThat(export.path("state").path("task_view").get(0).path("title").asString())
                .isEqualTo("Take it with you");
        assertThat(export.path("state").path("workspace_member")).hasSize(1);

        List<JsonNode> events = export.path("events").valueStream().toList();
        assertThat(events)
                .extracting(event -> event.path("eventType").asString())
                .startsWith("WorkspaceCreated")
                .contains("ProjectCreated", "TaskCreated");
        assertThat(events).extracting(event -> event.path("position").asLong()).isSorted();
        assertThat(events)
                .allSatisfy(event ->
                        assertThat(event.path("aggregateId").asString()).isNotEqualTo(other));
        assertThat(events)
                .filteredOn(
                        event -> "TaskCreated".equals(event.path("eventType").asString()))
                .singleElement()
                .satisfies(event ->
                        assertThat(event.path("data").path("title").asString()).isEqualTo("Take it with you"));
    }

    /** A second node in this JVM, on the restored database; arguments, since they outrank application.yml. */
    private ConfigurableApplicationContext startNodeOn(String database) {
        TestInfrastructure infra = TestInfrastructure.get();
        return new SpringApplicationBuilder(TaskMeshApplication.class)
                .profiles("test")
                .run(
                        "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + infra.user(),
                        "--spring.datasource.password=" + infra.password(),
                        "--spring.data.redis.url=" + infra.redisUrl(),
                        "--taskmesh.auth.jwt-key=" + JWT_KEY,
                        "--server.port=0",
                        "--management.server.port=0");
    }

    private long count(String database, String table) {
        return JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                        database,
                        TestInfrastructure.get().user(),
                        TestInfrastructure.get().password()))
                .sql("SELECT count(*) FROM " + table)
                .query(Long.class)
                .single();
    }

    /** Runs one of the scripts against {@code database}; answers what it printed. */
    private static String run(int expectedExit, String script, String database, String file) {
        ProcessBuilder builder =
                new ProcessBuilder("bash", SCRIPTS.resolve(script).toString(), file);
        builder.environment().put("TASKMESH_DATABASE_URL", database);
        builder.environment()
                .put("TASKMESH_DATABASE_USER", TestInfrastructure.get().user());
        builder.environment()
                .put("TASKMESH_DATABASE_PASSWORD", TestInfrastructure.get().password());
        Command result = Command.run(builder);
        assertThat(result.exit()).as(script + " printed: " + result.output()).isEqualTo(expectedExit);
        return result.output();
    }
}
