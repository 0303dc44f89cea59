package dev.taskmesh.server;

import static dev.taskmesh.server.RealtimeStreamsIT.positions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.OwnRedis;
import dev.taskmesh.server.support.StreamClient;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Redis is the fast path, not the record: while it is down writes succeed, and no client loses a frame. */
class RedisOutageIT extends IntegrationTest {

    static final OwnRedis REDIS = OwnRedis.start();

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        // the bus only: a separate property, because the base class already binds spring.data.redis.url
        registry.add("taskmesh.realtime.redis-url", REDIS::url);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void writesSucceedWhileRedisIsDownAndEveryClientGetsEveryFrameOnceInOrder() {
        Board board = Board.create(api, jdbc, "Outage");
        String stream = board.stream();
        try (StreamClient client =
                StreamClient.connect(api.base(), board.owner().accessToken())) {
            long head = client.subscribe(stream, null);
            board.createTasks(api, 1);
            client.awaitEvents(stream, 1);

            REDIS.stop();
            client.awaitFrame(
                    frame -> "bus-unavailable".equals(frame.path("code").asString()));
            board.createTasks(api, 3);
            client.awaitEvents(stream, 4); // from the replay log, while the bus is away

            REDIS.restart();
            board.createTasks(api, 2);
            assertThat(positions(client.awaitEvents(stream, 6)))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(head + 1, head + 6).boxed().toList());
        }
    }
}
