package dev.taskmesh.server;

import static dev.taskmesh.server.support.Board.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.StreamClient;
import dev.taskmesh.server.support.TwoNodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Presence and typing across the two-node fixture: who is on a workspace or a task, whichever node they are connected
 * to, one presence however many tabs, typing signals between nodes, and a dead node's users gone within seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PresenceIT {

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
    @Order(1)
    void membersSeeEachOtherAcrossNodesOncePerUserAndTypingReachesTheOtherNode() {
        Api a = nodes.a();
        Api b = nodes.b();
        User ann = b.registerAndLogin(unique("ann"));
        User bob = b.registerAndLogin(unique("bob"));
        String workspace = b.createWorkspace(ann, "Presence");
        Api.expect(b.addMember(ann, workspace, bob, "member"), 201);
        String project = b.createProject(ann, workspace, "Board");
        String task = Api.expect(b.createTask(ann, workspace, project, "Typed on"), 201)
                .text("id");
        String stream = "workspace:" + workspace;
        String taskStream = "task:" + task;

        try (StreamClient annOnA = StreamClient.connect(a.base(), ann.accessToken());
                StreamClient bobOnB = StreamClient.connect(b.base(), bob.accessToken())) {
            annOnA.subscribe(stream, null);
            assertThat(users(annOnA.awaitFrame(presence(stream, "snapshot")))).containsExactly(ann.id());

            bobOnB.subscribe(stream, null);
            assertThat(users(bobOnB.awaitFrame(presence(stream, "snapshot"))))
                    .containsExactlyInAnyOrder(ann.id(), bob.id());
            // joins are set updates to the snapshot: Ann may first hear of her own, already in her snapshot
            annOnA.awaitFrame(presence(stream, "join").and(frame -> users(frame).contains(bob.id())));

            // a second tab of Ann's, on the other node, adds no presence; closing it takes none away
            try (StreamClient annOnB = StreamClient.connect(b.base(), ann.accessToken())) {
                annOnB.subscribe(stream, null);
                annOnB.awaitFrame(presence(stream, "snapshot"));
            }
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> snapshot(bobOnB, stream).contains(ann.id()));
            assertThat(bobOnB.all(presence(stream, "leave"))).isEmpty();

            annOnA.subscribe(taskStream, null);
            bobOnB.subscribe(taskStream, null);
            annOnA.send(Map.of("type", "typing", "stream", taskStream));
            JsonNode typing = bobOnB.awaitFrame(
                    frame -> "typing".equals(frame.path("type").asString()));
            assertThat(typing.path("stream").asString()).isEqualTo(taskStream);
            assertThat(typing.path("user").asString()).isEqualTo(ann.id());
            assertThat(Instant.parse(typing.path("expiresAt").asString())).isAfter(Instant.now());
            assertThat(typing.has("position")).isFalse();

            annOnA.close();
            assertThat(users(bobOnB.awaitFrame(presence(stream, "leave")))).containsExactly(ann.id());
        }
    }

    @Test
    @Order(2)
    void presenceAndTypingNeedASubscriptionToAStreamThatHasThem() {
        Api b = nodes.b();
        User carl = b.registerAndLogin(unique("carl"));
        String workspace = b.createWorkspace(carl, "Rules");
        try (StreamClient client = StreamClient.connect(b.base(), carl.accessToken())) {
            String notFollowed = client.send(Map.of("type", "presence", "stream", "workspace:" + workspace));
            assertThat(client.reply(notFollowed, "error").path("code").asString())
                    .isEqualTo("not-subscribed");
            client.subscribe("user:" + carl.id(), null);
            String ownStream = client.send(Map.of("type", "presence", "stream", "user:" + carl.id()));
            assertThat(client.reply(ownStream, "error").path("code").asString()).isEqualTo("invalid-stream");
            client.subscribe("workspace:" + workspace, null);
            String onWorkspace = client.send(Map.of("type", "typing", "stream", "workspace:" + workspace));
            assertThat(client.reply(onWorkspace, "error").path("code").asString())
                    .isEqualTo("invalid-stream");
            String asked = client.send(Map.of("type", "presence", "stream", "workspace:" + workspace));
            assertThat(users(client.reply(asked, "presence"))).containsExactly(carl.id());
        }
    }

    /** Last, as it kills node A: its users' presence lapses with no goodbye from it. */
    @Test
    @Order(3)
    void whenANodeDiesItsUsersLeaveWithinSeconds() {
        Api a = nodes.a();
        Api b = nodes.b();
        User dora = b.registerAndLogin(unique("dora"));
        User eve = b.registerAndLogin(unique("eve"));
        String workspace = b.createWorkspace(dora, "Crash");
        Api.expect(b.addMember(dora, workspace, eve, "member"), 201);
        String stream = "workspace:" + workspace;
        try (StreamClient doraOnA = StreamClient.connect(a.base(), dora.accessToken());
                StreamClient eveOnB = StreamClient.connect(b.base(), eve.accessToken())) {
            doraOnA.subscribe(stream, null);
            eveOnB.subscribe(stream, null);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> snapshot(eveOnB, stream).contains(dora.id()));

            nodes.killA();
            Instant killed = Instant.now();

            assertThat(users(await().atMost(Duration.ofSeconds(15))
                            .until(
                                    () -> eveOnB.all(presence(stream, "leave")).stream()
                                            .findFirst()
                                            .orElse(null),
                                    java.util.Objects::nonNull)))
                    .containsExactly(dora.id());
            assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(10));
            assertThat(snapshot(eveOnB, stream)).containsExactly(eve.id());
        }
    }

    private static Predicate<JsonNode> presence(String stream, String kind) {
        return frame -> "presence".equals(frame.path("type").asString())
                && stream.equals(frame.path("stream").asString())
                && kind.equals(frame.path("kind").asString());
    }

    private static List<String> snapshot(StreamClient client, String stream) {
        return users(client.reply(client.send(Map.of("type", "presence", "stream", stream)), "presence"));
    }

    private static List<String> users(JsonNode frame) {
        List<String> users = new ArrayList<>();
        frame.path("users").forEach(user -> users.add(user.asString()));
        return users;
    }
}
