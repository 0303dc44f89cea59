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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Optimistic concurrency: two people editing one task never silently overwrite each other. */
class ConcurrencyIT extends IntegrationTest {

    private User ada;
    private User bob;
    private String workspace;
    private String taskPath;

    @BeforeEach
    void aSharedTask() {
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        ada = api.registerAndLogin("ada" + suffix);
        bob = api.registerAndLogin("bob" + suffix);
        workspace = api.createWorkspace(ada, "Shared");
        expect(api.addMember(ada, workspace, bob, "member"), 201);
        String project = api.createProject(ada, workspace, "P");
        taskPath = "/api/workspaces/" + workspace + "/tasks/"
                + expect(api.createTask(ada, workspace, project, "Draft"), 201).text("id");
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        Api.Response bobs =
                expect(api.patch(taskPath, bob.accessToken(), Map.of("title", "Bob's"), "If-Match", "\"0\""), 200);

        Api.Response stale = api.patch(taskPath, ada.accessToken(), Map.of("title", "Ada's"), "If-Match", "\"0\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.problemType()).isEqualTo("precondition-failed");
        Api.Response read = expect(
                api.get(
                        taskPath + "?minPosition="
                                + bobs.body().path("globalPosition").asLong(),
                        ada.accessToken()),
                200);
        assertThat(read.text("title")).isEqualTo("Bob's");
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void theCurrentVersionIsAccepted() {
        Api.Response changed =
                expect(api.patch(taskPath, bob.accessToken(), Map.of("title", "Bob's"), "If-Match", "\"0\""), 200);

        expect(
                api.patch(
                        taskPath,
                        ada.accessToken(),
                        Map.of("title", "Ada's"),
                        "If-Match",
                        "\"" + changed.body().path("version").asLong() + "\""),
                200);
    }

    @Test
    void aMalformedIfMatchIs400() {
        Api.Response response = api.patch(taskPath, ada.accessToken(), Map.of("title", "x"), "If-Match", "W/\"0\"");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").findValuesAsString("header")).containsExactly("If-Match");
    }

    @Test
    void ofTwoConcurrentEditsOfOneVersionExactlyOneWins() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Api.Response> adas = CompletableFuture.supplyAsync(() -> {
            await(start);
            return api.patch(taskPath, ada.accessToken(), Map.of("title", "Ada's"), "If-Match", "\"0\"");
        });
        CompletableFuture<Api.Response> bobs = CompletableFuture.supplyAsync(() -> {
            await(start);
            return api.patch(taskPath, bob.accessToken(), Map.of("title", "Bob's"), "If-Match", "\"0\"");
        });
        start.countDown();

        List<Integer> statuses = List.of(adas.get().status(), bobs.get().status());

        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        Api.Response winner = adas.get().status() == 200 ? adas.get() : bobs.get();
        assertThat(winner.body().path("version").asLong()).isEqualTo(1);
    }

    @Test
    void commentingNeverMakesATaskEditFail() {
        expect(api.post(taskPath + "/comments", bob.accessToken(), Map.of("body", "looks good")), 201);

        expect(api.patch(taskPath, ada.accessToken(), Map.of("title", "Final"), "If-Match", "\"0\""), 200);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
