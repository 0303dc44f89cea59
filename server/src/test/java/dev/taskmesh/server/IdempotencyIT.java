package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Retries with an Idempotency-Key never duplicate anything. */
class IdempotencyIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private User owner;
    private String workspace;
    private String project;
    private String tasksPath;

    @BeforeEach
    void aProject() {
        owner = api.registerAndLogin("owner" + System.nanoTime() % 1_000_000);
        workspace = api.createWorkspace(owner, "Retries");
        project = api.createProject(owner, workspace, "P");
        tasksPath = "/api/workspaces/" + workspace + "/projects/" + project + "/tasks";
    }

    @Test
    void aRetryReturnsTheFirstAnswerAndAppendsNothing() {
        Api.Response first = expect(post("key-1", "Write the release notes"), 201);
        long events = eventCount();

        Api.Response retry = post("key-1", "Write the release notes");

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.rawBody()).isEqualTo(first.rawBody());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        expect(post("key-2", "One"), 201);

        Api.Response reused = post("key-2", "Two");

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.problemType()).isEqualTo("idempotency-key-reused");
    }

    @Test
    void keysBelongToTheirUser() {
        User colleague = api.registerAndLogin("colleague" + System.nanoTime() % 1_000_000);
        expect(api.addMember(owner, workspace, colleague, "member"), 201);
        expect(post("shared-key", "Mine"), 201);

        Api.Response theirs = api.send(
                "POST", tasksPath, colleague.accessToken(), Map.of("title", "Theirs"), "Idempotency-Key", "shared-key");

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void refusedRequestsAreNotRememberedSoAFixedRetryRuns() {
        Api.Response refused = api.send(
                "POST",
                "/api/workspaces/" + workspace + "/projects/00000000-0000-4000-8000-000000000000/tasks",
                owner.accessToken(),
                Map.of("title", "x"),
                "Idempotency-Key",
                "key-3");
        assertThat(refused.status()).isEqualTo(404);

        assertThat(post("key-4", "")).extracting(Api.Response::status).isEqualTo(400);
        expect(post("key-4", "now with a title"), 201);
    }

    @Test
    void aRetryStormWithOneKeyCreatesOneTask() throws Exception {
        int clients = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<CompletableFuture<Api.Response>> answers = IntStream.range(0, clients)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> {
                                awaitQuietly(start);
                                return post("storm", "Exactly once");
                            },
                            pool))
                    .toList();
            start.countDown();

            List<Api.Response> responses =
                    answers.stream().map(CompletableFuture::join).toList();

            List<Api.Response> created =
                    responses.stream().filter(r -> r.status() == 201).toList();
            assertThat(created).isNotEmpty();
            assertThat(created.stream().map(r -> r.text("id")).distinct()).hasSize(1);
            assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
            assertThat(jdbc.sql("SELECT count(*) FROM task_registry WHERE project_id = :project::uuid")
                            .param("project", project)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysMustBeVisibleAscii() {
        Api.Response response = post("", "x");

        assertThat(response.status()).isEqualTo(400);
    }

    private Api.Response post(String key, String title) {
        return api.send("POST", tasksPath, owner.accessToken(), Map.of("title", title), "Idempotency-Key", key);
    }

    private long eventCount() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
