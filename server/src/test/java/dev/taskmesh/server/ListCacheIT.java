package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.OwnRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Member and project lists come from a Redis cache that the changes concerning them drop; access is never decided
 * by it, and lists are served while it is away. The cache has a Redis of this test's own, so it can be stopped.
 */
class ListCacheIT extends IntegrationTest {

    static final OwnRedis REDIS = OwnRedis.start();

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("taskmesh.cache.redis-url", REDIS::url);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void listsAreCachedAndTheChangesThatConcernThemShowAtOnce() {
        Board board = Board.create(api, jdbc, "Cached");
        User owner = board.owner();
        assertThat(handles(members(board, owner))).containsExactly(owner.handle());
        assertThat(cachedPages("members", board.workspace())).isEqualTo(1);

        User newcomer = api.registerAndLogin(Board.unique("newcomer"));
        expect(api.addMember(owner, board.workspace(), newcomer, "member"), 201);
        assertThat(handles(members(board, owner))).containsExactlyInAnyOrder(owner.handle(), newcomer.handle());

        assertThat(names(projects(board, owner))).containsExactly("Board");
        expect(
                api.patch(
                        "/api/workspaces/" + board.workspace() + "/projects/" + board.project(),
                        owner.accessToken(),
                        Map.of("name", "Renamed"),
                        "Content-Type",
                        "application/merge-patch+json"),
                200);
        // the project list's read model is built asynchronously; its cache is dropped once it has been
        await().until(() -> names(projects(board, owner)), names -> names.equals(List.of("Renamed")));
    }

    @Test
    void aRemovedMemberIsRefusedWhateverTheCacheHolds() {
        Board board = Board.create(api, jdbc, "Refused");
        User member = api.registerAndLogin(Board.unique("member"));
        expect(api.addMember(board.owner(), board.workspace(), member, "member"), 201);
        members(board, member);
        expect(
                api.delete(
                        "/api/workspaces/" + board.workspace() + "/members/" + member.id(),
                        board.owner().accessToken()),
                200);
        assertThat(api.get("/api/workspaces/" + board.workspace() + "/members", member.accessToken())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void listsAreServedFromTheDatabaseWhileRedisIsDown() {
        Board board = Board.create(api, jdbc, "Outage");
        members(board, board.owner());
        REDIS.stop();
        try {
            User newcomer = api.registerAndLogin(Board.unique("late"));
            expect(api.addMember(board.owner(), board.workspace(), newcomer, "viewer"), 201);
            assertThat(handles(members(board, board.owner())))
                    .containsExactlyInAnyOrder(board.owner().handle(), newcomer.handle());
            assertThat(names(projects(board, board.owner()))).containsExactly("Board");
        } finally {
            REDIS.restart();
        }
    }

    private JsonNode members(Board board, User reader) {
        return expect(api.get("/api/workspaces/" + board.workspace() + "/members", reader.accessToken()), 200)
                .body();
    }

    private JsonNode projects(Board board, User reader) {
        return expect(api.get("/api/workspaces/" + board.workspace() + "/projects", reader.accessToken()), 200)
                .body();
    }

    private long cachedPages(String list, String workspace) {
        String database =
                jdbc.sql("SELECT current_database()").query(String.class).single();
        RedisClient client = RedisClient.create(REDIS.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection
                    .sync()
                    .keys("taskmesh:" + database + ":cache:" + list + ":" + workspace + ":*")
                    .size();
        } finally {
            client.shutdown();
        }
    }

    private static List<String> handles(JsonNode page) {
        return page.path("items")
                .valueStream()
                .map(item -> item.path("handle").asString())
                .toList();
    }

    private static List<String> names(JsonNode page) {
        return page.path("items")
                .valueStream()
                .map(item -> item.path("name").asString())
                .toList();
    }
}
