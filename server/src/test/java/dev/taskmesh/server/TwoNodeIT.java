package dev.taskmesh.server;

import static dev.taskmesh.server.RealtimeStreamsIT.positions;
import static dev.taskmesh.server.support.Board.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.StreamClient;
import dev.taskmesh.server.support.TwoNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes, one database, one Redis: clients see writes made through either node, survive a node's death, and are
 * told to go elsewhere when a node shuts down, once it has drained (unready while still serving).
 */
class TwoNodeIT {

    static TwoNodes nodes;

    @BeforeAll
    static void startNodes() {
        nodes = TwoNodes.start(IntegrationTest.JWT_KEY);
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
    }

    @Test
    void aClientSeesWritesOfTheOtherNodeAndAfterItsNodeDiesCatchesUpExactlyOnTheOther() {
        Api a = nodes.a();
        Api b = nodes.b();
        User owner = b.registerAndLogin(unique("owner"));
        String workspace = b.createWorkspace(owner, "Cluster");
        String project = b.createProject(owner, workspace, "Board");
        String stream = "workspace:" + workspace;

        long head;
        long lastSeen;
        try (StreamClient onA = StreamClient.connect(a.base(), owner.accessToken())) {
            head = onA.subscribe(stream, null);
            createTasks(b, owner, workspace, project, 3);
            // the project's creation may still reach the stream live: the relay runs behind the writes
            List<JsonNode> seen = awaitTaskCreations(onA, stream, 3);
            assertThat(positions(seen))
                    .containsExactlyElementsOf(LongStream.rangeClosed(head + 1, head + seen.size())
                            .boxed()
                            .toList());
            lastSeen = seen.getLast().path("position").asLong();

            nodes.killA();
            assertThat(onA.awaitClose()).isEqualTo(1006); // no close frame from a killed node
        }
        createTasks(b, owner, workspace, project, 4); // missed while reconnecting

        try (StreamClient onB = StreamClient.connect(b.base(), owner.accessToken())) {
            onB.subscribe(stream, lastSeen);
            createTasks(b, owner, workspace, project, 1);
            List<JsonNode> caughtUp = awaitTaskCreations(onB, stream, 5);
            assertThat(positions(caughtUp))
                    .containsExactlyElementsOf(LongStream.rangeClosed(lastSeen + 1, lastSeen + 5)
                            .boxed()
                            .toList());

            nodes.beginStoppingB();
            // drained first: unready at once, while it still serves (TASKMESH_SHUTDOWN_DRAIN in the fixture)
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> status(nodes.managementB(), "/actuator/health/readiness") == 503);
            assertThat(b.get("/api/workspaces/" + workspace, owner.accessToken())
                            .status())
                    .isEqualTo(200);
            assertThat(onB.awaitClose()).isEqualTo(1012); // told to reconnect elsewhere
            nodes.awaitStoppedB();
        }
    }

    private static int status(URI management, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(management.resolve(path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** All event frames once {@code count} task creations are among them. */
    private static List<JsonNode> awaitTaskCreations(StreamClient client, String stream, int count) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.events(stream).stream()
                                .filter(frame -> "TaskCreated"
                                        .equals(frame.path("eventType").asString()))
                                .count()
                        >= count);
        return client.events(stream);
    }

    private static void createTasks(Api api, User owner, String workspace, String project, int count) {
        for (int i = 0; i < count; i++) {
            Api.expect(api.createTask(owner, workspace, project, "Task " + i), 201);
        }
    }
}
