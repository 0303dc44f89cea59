package dev.taskmesh.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.server.auth.AccessTokens;
import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** A node without the command side refuses commands with 503 and stores nothing. */
@TestPropertySource(properties = "taskmesh.command.enabled=false")
class CommandSideSwitchIT extends IntegrationTest {

    @Autowired
    AccessTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Test
    void commandsAreRefusedWith503AndNothingIsStored() {
        String token = tokens.issue(UserId.random(), "sam", UUID.randomUUID()).token();

        Api.Response workspace = api.post("/api/workspaces", token, Map.of("name", "Nowhere"));
        Api.Response registration = api.post(
                "/api/auth/register",
                null,
                Map.of("email", "sam@example.com", "handle", "sam", "displayName", "Sam", "password", "long enough"));

        assertThat(workspace.status()).isEqualTo(503);
        assertThat(workspace.problemType()).isEqualTo("unavailable");
        assertThat(registration.status()).isEqualTo(503);
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM user_account")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
