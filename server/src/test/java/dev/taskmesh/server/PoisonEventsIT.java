package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.Scrape;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A poison event (here: a read-model row its table refuses) is retried, then parked with the rest of its aggregate's
 * events while the processor moves on; once the cause is fixed the operator retries them and the read model is
 * whole again.
 */
class PoisonEventsIT extends IntegrationTest {

    private static final String OPERATOR_TOKEN = "operator-" + UUID.randomUUID();

    @Autowired
    JdbcClient jdbc;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void policy(DynamicPropertyRegistry registry) {
        registry.add("taskmesh.admin.token", () -> OPERATOR_TOKEN);
        registry.add("taskmesh.processors.dead-letter-after", () -> "2");
        registry.add("taskmesh.operations.lag-sample-interval", () -> "200ms");
    }

    @AfterEach
    void healTheTable() {
        jdbc.sql("ALTER TABLE task_view DROP CONSTRAINT IF EXISTS no_poison").update();
    }

    @Test
    void aPoisonEventIsParkedWithItsAggregatesLaterEventsAndRetriedOnceItsCauseIsFixed() {
        User owner = api.registerAndLogin(Board.unique("owner"));
        String workspace = api.createWorkspace(owner, "Poisoned");
        String project = api.createProject(owner, workspace, "Board");
        jdbc.sql("ALTER TABLE task_view ADD CONSTRAINT no_poison CHECK (title <> 'Poison')")
                .update();

        String poison =
                expect(api.createTask(owner, workspace, project, "Poison"), 201).text("id");
        expect(api.patch(tasks(workspace) + "/" + poison, owner.accessToken(), Map.of("title", "Cured")), 200);
        Api.Response healthy = expect(api.createTask(owner, workspace, project, "Healthy"), 201);

        List<JsonNode> letters = awaitLetters("task-views", 2);
        // the processor moved on: a later task of another aggregate is in the read model
        expect(api.readTask(owner, workspace, healthy.text("id"), healthy), 200);
        assertThat(letters)
                .extracting(letter -> letter.path("eventType").asString())
                .containsExactly("TaskCreatedEvent", "TaskRenamedEvent");
        assertThat(letters.getFirst().path("attempts").asInt()).isEqualTo(2);
        assertThat(letters.getFirst().path("cause").asString()).contains("no_poison");
        assertThat(letters.get(1).path("cause").asString()).contains("waits behind");
        assertThat(letters)
                .allSatisfy(letter ->
                        assertThat(letter.path("sequenceId").asString()).isEqualTo(poison));
        assertThat(api.get(tasks(workspace) + "/" + poison, owner.accessToken()).status())
                .isEqualTo(404);
        // only the read model that failed parks it: the task is found by search
        await().untilAsserted(() -> assertThat(
                        api.get("/api/workspaces/" + workspace + "/search?q=cured", owner.accessToken())
                                .body()
                                .path("items"))
                .hasSize(1));
        URI management = URI.create("http://127.0.0.1:" + managementPort);
        await().untilAsserted(() -> assertThat(
                        Scrape.of(management).sum("taskmesh_processor_dead_letters", "processor=\"task-views\""))
                .isEqualTo(2));

        // still failing: the retry counts the attempt and the sequence stays parked
        JsonNode refused = expect(api.post("/admin/dead-letters/task-views/retry", OPERATOR_TOKEN, null), 200)
                .body();
        assertThat(refused.path("handled").asInt()).isZero();
        assertThat(refused.path("stillParked").asInt()).isEqualTo(2);
        assertThat(letters("task-views").getFirst().path("attempts").asInt()).isEqualTo(3);

        healTheTable();
        JsonNode retried = expect(api.post("/admin/dead-letters/task-views/retry", OPERATOR_TOKEN, null), 200)
                .body();
        assertThat(retried.path("handled").asInt()).isEqualTo(2);
        assertThat(retried.path("stillParked").asInt()).isZero();
        assertThat(expect(api.get(tasks(workspace) + "/" + poison, owner.accessToken()), 200)
                        .text("title"))
                .isEqualTo("Cured");
        assertThat(letters("task-views")).isEmpty();

        // the next event of that task is handled live again
        expect(api.patch(tasks(workspace) + "/" + poison, owner.accessToken(), Map.of("title", "Fine")), 200);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get(tasks(workspace) + "/" + poison, owner.accessToken())
                                .text("title"))
                        .isEqualTo("Fine"));
    }

    @Test
    void theDeadLetterRoutesNeedTheOperatorCredentialAndNameWhatIsMissing() {
        assertThat(api.get("/admin/dead-letters", null).status()).isEqualTo(401);
        assertThat(api.get("/admin/dead-letters", "not-" + OPERATOR_TOKEN).status())
                .isEqualTo(401);
        assertThat(expect(api.get("/admin/dead-letters", OPERATOR_TOKEN), 200)
                        .body()
                        .path("items")
                        .isArray())
                .isTrue();
        assertThat(api.post("/admin/dead-letters/no-such-processor/retry", OPERATOR_TOKEN, null)
                        .problemType())
                .isEqualTo("not-found");
        assertThat(api.delete("/admin/dead-letters/987654321", OPERATOR_TOKEN).status())
                .isEqualTo(404);
        // an id that does not parse names nothing, as everywhere; a bad page size is a 400 problem
        assertThat(api.delete("/admin/dead-letters/not-a-number", OPERATOR_TOKEN)
                        .problemType())
                .isEqualTo("not-found");
        assertThat(api.get("/admin/dead-letters?limit=0", OPERATOR_TOKEN).problemType())
                .isEqualTo("validation-failed");
    }

    /** The processor's letters now, in the order they were parked. */
    private List<JsonNode> letters(String processor) {
        JsonNode page = expect(api.get("/admin/dead-letters?processor=" + processor, OPERATOR_TOKEN), 200)
                .body();
        return StreamSupport.stream(page.path("items").spliterator(), false).toList();
    }

    /** Waits out the retries (two attempts, a second apart) until the processor has parked {@code count} letters. */
    private List<JsonNode> awaitLetters(String processor, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> letters(processor), list -> list.size() >= count);
    }

    private static String tasks(String workspace) {
        return "/api/workspaces/" + workspace + "/tasks";
    }
}
