package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.SilentSocket;
import dev.taskmesh.server.support.StreamClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The WebSocket limits from the attacker's and the slow phone's side, with small limits for the test. */
@TestPropertySource(
        properties = {
            "taskmesh.realtime.frames-per-second=5",
            "taskmesh.realtime.frame-burst=10",
            "taskmesh.realtime.max-connections-per-user=3",
            "taskmesh.realtime.max-queued-frames=1000",
            "taskmesh.realtime.max-queued-bytes=64KB"
        })
class RealtimeLimitsIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    Board board;

    @BeforeEach
    void board() {
        board = Board.create(api, jdbc, "Limits");
    }

    @Test
    void framesPastTheRateAreRefusedAndAClientThatKeepsSendingIsClosedWith4429() {
        try (StreamClient flooding =
                        StreamClient.connect(api.base(), board.owner().accessToken());
                StreamClient calm =
                        StreamClient.connect(api.base(), board.owner().accessToken())) {
            for (int i = 0; i < 80 && !flooding.isClosed(); i++) {
                try {
                    flooding.sendRaw("{\"type\":\"ping\"}");
                } catch (java.util.concurrent.CompletionException closedMeanwhile) {
                    break;
                }
            }

            assertThat(flooding.awaitClose()).isEqualTo(4429);
            assertThat(flooding.all(frame -> frame.path("type").asString().equals("pong")))
                    .hasSizeBetween(10, 20); // the burst, and what refilled meanwhile
            assertThat(flooding.all(
                            frame -> "rate-limited".equals(frame.path("code").asString())))
                    .isNotEmpty();
            calm.reply(calm.send(Map.of("type", "ping")), "pong");
        }
    }

    @Test
    void aUserHoldsAtMostTheConfiguredConnectionsToOneNode() {
        List<StreamClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                StreamClient allowed =
                        StreamClient.connect(api.base(), board.owner().accessToken());
                clients.add(allowed);
                // the answer proves the node has counted this connection: a handshake's response can reach the
                // client before the node registers it, so without it the next connection could be counted first
                allowed.reply(allowed.send(Map.of("type", "ping")), "pong");
            }
            StreamClient fourth = StreamClient.connect(api.base(), board.owner().accessToken());
            clients.add(fourth);
            assertThat(fourth.awaitClose()).isEqualTo(4429);
            assertThat(fourth.all(frame ->
                            "too-many-connections".equals(frame.path("code").asString())))
                    .hasSize(1);
            for (StreamClient allowed : clients.subList(0, 3)) {
                allowed.reply(allowed.send(Map.of("type", "ping")), "pong");
            }
            User other = api.registerAndLogin(Board.unique("other"));
            try (StreamClient ofAnother = StreamClient.connect(api.base(), other.accessToken())) {
                ofAnother.reply(ofAnother.send(Map.of("type", "ping")), "pong");
            }
        } finally {
            clients.forEach(StreamClient::close);
        }
    }

    /**
     * A client that never reads (a tiny receive buffer, nothing taken from it) is closed as a slow consumer, while a
     * client on the same stream receives every frame, in order, meanwhile.
     */
    @Test
    void aClientThatNeverReadsIsClosedAsASlowConsumerWhileTheOthersGetEverything() throws Exception {
        double slowBefore = slowConsumers();
        try (SilentSocket stalled =
                        SilentSocket.connect(api.base(), board.owner().accessToken(), 2048);
                StreamClient reader =
                        StreamClient.connect(api.base(), board.owner().accessToken())) {
            stalled.sendText("{\"type\":\"subscribe\",\"stream\":\"" + board.stream() + "\"}");
            long head = reader.subscribe(board.stream(), null);
            // more than the kernel holds for a peer that does not read (up to 4 MB of send buffer here): 260 frames
            // of about 20 KB, each a description alternating between two long texts
            String task = expect(api.createTask(board.owner(), board.workspace(), board.project(), "Slow"), 201)
                    .text("id");
            String[] descriptions = {
                "A long description that makes every frame weigh about twenty kilobytes. ".repeat(260),
                "Another long description, so that each change is a change of the text. ".repeat(260)
            };
            int changes = 260;
            for (int i = 0; i < changes; i++) {
                expect(
                        api.patch(
                                "/api/workspaces/" + board.workspace() + "/tasks/" + task,
                                board.owner().accessToken(),
                                Map.of("description", descriptions[i % 2]),
                                "Content-Type",
                                "application/merge-patch+json"),
                        200);
            }
            List<Long> positions = RealtimeStreamsIT.positions(reader.awaitEvents(board.stream(), changes + 1));
            assertThat(positions).hasSize(changes + 1);
            for (int i = 0; i < positions.size(); i++) {
                assertThat(positions.get(i)).isEqualTo(head + 1 + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> slowConsumers() > slowBefore);
            assertThat(reader.isClosed()).isFalse();
        }
    }

    private double slowConsumers() {
        return meters.get("taskmesh.realtime.slow.consumers").counter().count();
    }
}
