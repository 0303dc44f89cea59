package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import java.time.Duration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Guards the wiring that Axon's autoconfiguration gets wrong on Boot 4 without failing: events must go to
 * PostgreSQL, tokens too, and units of work must run in Spring transactions.
 */
class AxonWiringIT extends IntegrationTest {

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    TransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void eventsAndTokensLiveInPostgresqlUnderSpringTransactions() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void aFailingHandlerStopsItsProcessorInsteadOfBeingSkipped() {
        for (String group : new String[] {"membership", "project-registry", "task-registry", "task-views"}) {
            assertThat(processing.listenerInvocationErrorHandler(group))
                    .as(group)
                    .isInstanceOf(PropagatingErrorHandler.class);
        }
    }

    @Test
    void trackingProjectionsStoreTheirProgress() {
        User owner = api.registerAndLogin("olga");
        String workspace = api.createWorkspace(owner, "Tokens");
        String project = api.createProject(owner, workspace, "P");
        long position = expect(api.createTask(owner, workspace, project, "t"), 201)
                .body()
                .path("globalPosition")
                .asLong();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "SELECT count(*) FROM token_entry WHERE processor_name IN ('task-views', 'project-views')"
                                                + " AND (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint >= :position")
                                .param("position", position)
                                .query(Long.class)
                                .single())
                        .isEqualTo(2L));
    }

    @Test
    void aPositionBeyondTheLastEventIsRefused() {
        User owner = api.registerAndLogin("pete");
        String workspace = api.createWorkspace(owner, "Ahead");

        Api.Response response = api.get(
                "/api/workspaces/" + workspace + "/projects?minPosition=" + Long.MAX_VALUE, owner.accessToken());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").findValuesAsString("parameter"))
                .containsExactly("minPosition");
    }

    /** The task read model skips comment events; it must still report promptly that it has passed them. */
    @Test
    void aReadAtThePositionOfAnotherReadModelsWriteIsPrompt() {
        User owner = api.registerAndLogin("quin");
        String workspace = api.createWorkspace(owner, "Prompt");
        String project = api.createProject(owner, workspace, "P");
        String task =
                expect(api.createTask(owner, workspace, project, "t"), 201).text("id");
        Api.Response comment = expect(
                api.post(
                        "/api/workspaces/" + workspace + "/tasks/" + task + "/comments",
                        owner.accessToken(),
                        java.util.Map.of("body", "a comment")),
                201);

        // the test profile waits at most 1 s for a read model: a 5 s token interval would answer 503
        assertThat(api.readTask(owner, workspace, task, comment).status()).isEqualTo(200);
    }
}
