package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A node can leave out a side: here the query side, so it runs no projection and refuses read-model reads. */
@TestPropertySource(properties = "taskmesh.query.enabled=false")
class QuerySideSwitchIT extends IntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aNodeWithoutTheQuerySideRunsNoProjection() {
        assertThat(processing.eventProcessor("task-views")).isEmpty();
        assertThat(processing.eventProcessor("project-views")).isEmpty();
        assertThat(processing.eventProcessor("membership")).isPresent();
    }

    @Test
    void itStillTakesCommandsButRefusesReadModelReadsWith503() {
        User owner = api.registerAndLogin("rita");
        String workspace = api.createWorkspace(owner, "Writes only");
        String project = api.createProject(owner, workspace, "P");
        String task =
                expect(api.createTask(owner, workspace, project, "t"), 201).text("id");

        Api.Response read = api.get("/api/workspaces/" + workspace + "/tasks/" + task, owner.accessToken());

        assertThat(read.status()).isEqualTo(503);
        assertThat(read.problemType()).isEqualTo("unavailable");
        // no read model here ever reaches a position: a read that waits for one gives up with projection-lagging
        Api.Response waited =
                api.get("/api/workspaces/" + workspace + "/tasks/" + task + "?minPosition=1", owner.accessToken());
        assertThat(waited.status()).isEqualTo(503);
        assertThat(waited.problemType()).isEqualTo("projection-lagging");
        assertThat(waited.header("Retry-After")).isEqualTo("1");
    }
}
