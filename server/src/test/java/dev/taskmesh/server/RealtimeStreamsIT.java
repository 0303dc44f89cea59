package dev.taskmesh.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.StreamClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The taskmesh.v1 protocol on one node (docs/realtime.md): handshake, subscriptions, frames, replay and errors. */
class RealtimeStreamsIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    User owner;
    String workspace;
    String project;
    String stream;

    Board board;

    @BeforeEach
    void board() {
        board = Board.create(api, jdbc, "Realtime");
        owner = board.owner();
        workspace = board.workspace();
        project = board.project();
        stream = board.stream();
    }

    @Test
    void theHandshakeNeedsAValidTokenAndTheProtocol() {
        assertThat(StreamClient.handshakeStatus(api.base(), "", "taskmesh.v1")).isEqualTo(401);
        assertThat(StreamClient.handshakeStatus(api.base(), "", "taskmesh.v1", "bearer.not-a-jwt"))
                .isEqualTo(401);
        assertThat(StreamClient.handshakeStatus(api.base(), "", "bearer." + owner.accessToken()))
                .isEqualTo(400);
        // a token in the URL would end up in logs: refused, even a valid one
        assertThat(StreamClient.handshakeStatus(api.base(), "?access_token=" + owner.accessToken(), "taskmesh.v1"))
                .isEqualTo(400);
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            assertThat(client.subprotocol()).isEqualTo("taskmesh.v1");
        }
    }

    @Test
    void browsersMayConnectOnlyFromAllowedOrigins() {
        assertThat(StreamClient.handshakeStatusFrom(api.base(), owner.accessToken(), "https://evil.example"))
                .isEqualTo(403);
        assertThat(StreamClient.handshakeStatusFrom(api.base(), owner.accessToken(), api.base()))
                .isEqualTo(101);
    }

    @Test
    void aWriteReachesTheWorkspaceAndTaskStreamsAsOneFrameEach() {
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            long head = client.subscribe(stream, null);
            Api.Response created = Api.expect(
                    api.send(
                            "POST",
                            "/api/workspaces/" + workspace + "/projects/" + project + "/tasks",
                            owner.accessToken(),
                            Map.of("title", "Ship the stream"),
                            "X-Request-Id",
                            "req-ship-1"),
                    201);
            String taskId = created.text("id");

            JsonNode frame = client.awaitEvents(stream, 1).getFirst();
            assertThat(frame.path("position").asLong()).isEqualTo(head + 1);
            assertThat(frame.path("eventType").asString()).isEqualTo("TaskCreated");
            assertThat(frame.path("aggregateId").asString()).isEqualTo(taskId);
            assertThat(frame.path("version").asLong()).isZero();
            assertThat(frame.path("actor").asString()).isEqualTo(owner.id());
            assertThat(frame.path("correlationId").asString()).isEqualTo("req-ship-1");
            assertThat(frame.path("at").asString()).endsWith("Z");
            assertThat(frame.path("data").path("title").asString()).isEqualTo("Ship the stream");

            client.subscribe("task:" + taskId, 0L);
            JsonNode onTask = client.awaitEvents("task:" + taskId, 1).getFirst();
            assertThat(onTask.path("position").asLong()).isEqualTo(1);
            assertThat(onTask.path("eventId").asString())
                    .isEqualTo(frame.path("eventId").asString());
        }
    }

    @Test
    void aClientComingBackWithItsLastPositionGetsExactlyWhatItMissed() {
        long head;
        try (StreamClient first = StreamClient.connect(api.base(), owner.accessToken())) {
            head = first.subscribe(stream, null);
            createTasks(3);
            first.awaitEvents(stream, 3);
        }
        long seen = head + 3;
        createTasks(4); // missed while away

        try (StreamClient back = StreamClient.connect(api.base(), owner.accessToken())) {
            back.subscribe(stream, seen);
            createTasks(2); // live after the replay
            List<JsonNode> events = back.awaitEvents(stream, 6);
            assertThat(positions(events))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(seen + 1, seen + 6).boxed().toList());
        }
    }

    @Test
    void aSinceBeyondTheHeadIsRefusedAndOneOlderThanTheRetainedHistoryResets() {
        createTasks(2);
        Board.awaitRelayed(jdbc, stream, 4);
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            String ref = client.send(Map.of("type", "subscribe", "stream", stream, "since", 1_000_000));
            assertThat(client.reply(ref, "error").path("code").asString()).isEqualTo("invalid-since");

            long head = client.subscribe(stream, null);
            jdbc.sql("DELETE FROM stream_frame WHERE stream = :stream AND position <= 2")
                    .param("stream", stream)
                    .update(); // as retention does
            String again = client.send(Map.of("type", "subscribe", "stream", stream, "since", 0));
            assertThat(client.reply(again, "subscribed").path("position").asLong())
                    .isEqualTo(head);
            JsonNode reset =
                    client.awaitFrame(frame -> "reset".equals(frame.path("type").asString()));
            assertThat(reset.path("position").asLong()).isEqualTo(head);

            createTasks(1); // the subscription goes on live
            assertThat(client.awaitEvents(stream, 1).getFirst().path("position").asLong())
                    .isEqualTo(head + 1);
        }
    }

    @Test
    void badFramesGetErrorsAndTheConnectionKeepsBeingServed() {
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            client.sendRaw("{not json");
            client.awaitFrame(frame -> "bad-json".equals(frame.path("code").asString()));
            assertThat(client.reply(client.send(Map.of("type", "dance")), "error")
                            .path("code")
                            .asString())
                    .isEqualTo("unknown-type");
            assertThat(client.reply(client.send(Map.of("type", "typing")), "error")
                            .path("code")
                            .asString())
                    .isEqualTo("invalid-stream");
            assertThat(client.reply(client.send(Map.of("type", "subscribe", "stream", "board:1")), "error")
                            .path("code")
                            .asString())
                    .isEqualTo("invalid-stream");
            assertThat(client.reply(client.send(Map.of("type", "subscribe", "stream", stream, "since", -1)), "error")
                            .path("code")
                            .asString())
                    .isEqualTo("invalid-since");
            client.reply(client.send(Map.of("type", "ping")), "pong");
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void onlyMembersFollowAWorkspaceOrItsTasksAndOnlyTheUserTheirOwnStream() {
        User stranger = api.registerAndLogin(Board.unique("stranger"));
        String taskId = api.createTask(owner, workspace, project, "Private")
                .body()
                .path("id")
                .asString();
        try (StreamClient client = StreamClient.connect(api.base(), stranger.accessToken())) {
            for (String other :
                    List.of(stream, "task:" + taskId, "user:" + owner.id(), "task:" + java.util.UUID.randomUUID())) {
                JsonNode refused = client.reply(client.send(Map.of("type", "subscribe", "stream", other)), "error");
                assertThat(refused.path("code").asString()).as(other).isEqualTo("forbidden");
            }
            client.subscribe("user:" + stranger.id(), null);

            Api.expect(api.addMember(owner, workspace, stranger, "member"), 201);
            JsonNode joined = client.awaitEvents("user:" + stranger.id(), 1).getFirst();
            assertThat(joined.path("eventType").asString()).isEqualTo("MemberAdded");
            client.subscribe(stream, null);
        }
    }

    @Test
    void aRemovedMemberLosesItsWorkspaceAndTaskSubscriptionsAtOnce() {
        User member = api.registerAndLogin(Board.unique("member"));
        Api.expect(api.addMember(owner, workspace, member, "member"), 201);
        String taskId = Api.expect(api.createTask(owner, workspace, project, "Shared"), 201)
                .text("id");
        try (StreamClient client = StreamClient.connect(api.base(), member.accessToken())) {
            client.subscribe(stream, null);
            client.subscribe("task:" + taskId, null);
            client.subscribe("user:" + member.id(), null);

            Api.expect(
                    api.delete("/api/workspaces/" + workspace + "/members/" + member.id(), owner.accessToken()), 200);
            await().atMost(Duration.ofSeconds(2)) // within a second in practice; CI machines get slack
                    .until(() -> revokedStreams(client), streams -> streams.size() == 2);
            assertThat(revokedStreams(client)).containsExactlyInAnyOrder(stream, "task:" + taskId);

            int seen = client.events(stream).size();
            createTasks(1);
            assertThat(client.reply(client.send(Map.of("type", "subscribe", "stream", stream)), "error")
                            .path("code")
                            .asString())
                    .isEqualTo("forbidden");
            assertThat(client.events(stream)).hasSize(seen); // nothing more from the workspace
            assertThat(client.events("user:" + member.id()))
                    .anyMatch(frame ->
                            "MemberRemoved".equals(frame.path("eventType").asString()));
        }
    }

    @Test
    void membersMayLeaveButTheLastOwnerMayNot() {
        User member = api.registerAndLogin(Board.unique("leaver"));
        Api.expect(api.addMember(owner, workspace, member, "viewer"), 201);
        Api.expect(api.delete("/api/workspaces/" + workspace + "/members/" + member.id(), member.accessToken()), 200);
        assertThat(api.get("/api/workspaces/" + workspace, member.accessToken()).status())
                .isEqualTo(404);
        Api.Response lastOwner =
                api.delete("/api/workspaces/" + workspace + "/members/" + owner.id(), owner.accessToken());
        assertThat(lastOwner.status()).isEqualTo(409);
    }

    private static List<String> revokedStreams(StreamClient client) {
        return client
                .all(frame -> "membership-revoked".equals(frame.path("code").asString()))
                .stream()
                .map(frame -> frame.path("stream").asString())
                .toList();
    }

    @Test
    void aFreshTokenIsAcceptedOnlyForTheSameUser() {
        User other = api.registerAndLogin(Board.unique("other"));
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            JsonNode renewed =
                    client.reply(client.send(Map.of("type", "auth", "token", owner.accessToken())), "authenticated");
            assertThat(renewed.path("expiresAt").asString()).endsWith("Z");
            JsonNode refused = client.reply(client.send(Map.of("type", "auth", "token", other.accessToken())), "error");
            assertThat(refused.path("code").asString()).isEqualTo("token-expired");
        }
    }

    private void createTasks(int count) {
        board.createTasks(api, count);
    }

    static List<Long> positions(List<JsonNode> events) {
        return events.stream().map(event -> event.path("position").asLong()).toList();
    }
}
