package dev.taskmesh.server;

import static dev.taskmesh.server.RealtimeStreamsIT.positions;
import static dev.taskmesh.server.RealtimeStreamsIT.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.OwnRedis;
import dev.taskmesh.server.support.StreamClient;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Redis is the fast path, not the record: while it is down writes succeed, and no client loses a frame. */
class RedisOutageIT extends IntegrationTest {

    static final OwnRedis REDIS = OwnRedis.start();

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

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
        User owner = api.registerAndLogin(unique("owner"));
        String workspace = api.createWorkspace(owner, "Outage");
        String project = api.createProject(owner, workspace, "Board");
        String stream = "workspace:" + workspace;
        RealtimeStreamsIT.awaitRelayed(jdbc, stream, 2);
        try (StreamClient client = StreamClient.connect(api.base(), owner.accessToken())) {
            long head = client.subscribe(stream, null);
            createTasks(owner, workspace, project, 1);
            client.awaitEvents(stream, 1);

            REDIS.stop();
            client.awaitFrame(
                    frame -> "bus-unavailable".equals(frame.path("code").asString()));
            createTasks(owner, workspace, project, 3);
            client.awaitEvents(stream, 4); // from the replay log, while the bus is away

            REDIS.restart();
            createTasks(owner, workspace, project, 2);
            assertThat(positions(client.awaitEvents(stream, 6)))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(head + 1, head + 6).boxed().toList());
        }
    }

    private void createTasks(User owner, String workspace, String project, int count) {
        for (int i = 0; i < count; i++) {
            Api.expect(api.createTask(owner, workspace, project, "Task " + i), 201);
        }
    }
}
