package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.TestInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A stopped and restarted server picks up where it was: events survive, tracking projections resume from their
 * stored tokens and keep projecting new events (a processor that silently stops after a restart is a known trap).
 */
class ProjectionRestartIT {

    @Test
    void projectionsKeepRunningAfterARestart() {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, Object> properties = Map.of(
                "spring.datasource.url", infra.createDatabase(),
                "spring.datasource.username", infra.user(),
                "spring.datasource.password", infra.password(),
                "spring.data.redis.url", infra.redisUrl(),
                "taskmesh.auth.jwt-key", IntegrationTest.JWT_KEY,
                "server.port", "0");

        User owner;
        String workspace;
        String project;
        try (ConfigurableApplicationContext first = start(properties)) {
            Api api = api(first);
            owner = api.registerAndLogin("quinn");
            workspace = api.createWorkspace(owner, "Durable");
            project = api.createProject(owner, workspace, "P");
            expect(api.createTask(owner, workspace, project, "before the restart"), 201);
        }

        try (ConfigurableApplicationContext second = start(properties)) {
            Api api = api(second);
            Api.Response created = expect(api.createTask(owner, workspace, project, "after the restart"), 201);

            Api.Response read = api.get(
                    "/api/workspaces/" + workspace + "/tasks/" + created.text("id") + "?minPosition="
                            + created.body().path("globalPosition").asLong(),
                    owner.accessToken());

            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("title")).isEqualTo("after the restart");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // as arguments, not builder properties: those are defaults, which application.yml would override
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(TaskMeshApplication.class)
                .profiles("test")
                .run(arguments);
    }

    private static Api api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return Api.at("http://127.0.0.1:" + port);
    }
}
