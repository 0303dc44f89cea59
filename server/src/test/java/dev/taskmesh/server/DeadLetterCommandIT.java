package dev.taskmesh.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.notification.delivery.DeadLetterCommand;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator's command for dead letters, run as the packaged jar runs it. */
class DeadLetterCommandIT {

    private final TestInfrastructure infra = TestInfrastructure.get();
    private final String url = infra.createDatabase();

    @Test
    void listsDeadLettersAndRetriesOne() throws Exception {
        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        assertThat(DeadLetterCommand.run(List.of("list"), new PrintStream(listed), spring()))
                .isZero();
        assertThat(listed.toString(StandardCharsets.UTF_8)).isEmpty();

        UUID deliveryId = UUID.randomUUID();
        try (Connection db = DriverManager.getConnection(url, infra.user(), infra.password())) {
            db.createStatement().execute("""
                    INSERT INTO delivery_dead_letter VALUES ('%s', 'email', '%s', '%s', 8, 'refused', now())
                    """.formatted(deliveryId, UUID.randomUUID(), UUID.randomUUID()));
        }
        ByteArrayOutputStream retried = new ByteArrayOutputStream();
        assertThat(DeadLetterCommand.run(List.of("retry", deliveryId.toString()), new PrintStream(retried), spring()))
                .isZero();
        assertThat(retried.toString(StandardCharsets.UTF_8)).contains("\"retried\":1");
        try (Connection db = DriverManager.getConnection(url, infra.user(), infra.password());
                ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM delivery_dead_letter")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void badArgumentsExitWithStatusTwo() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        assertThat(DeadLetterCommand.run(List.of(), out)).isEqualTo(2);
        assertThat(DeadLetterCommand.run(List.of("retry"), out)).isEqualTo(2);
        assertThat(DeadLetterCommand.run(List.of("retry", "not-an-id"), out)).isEqualTo(2);
        assertThat(DeadLetterCommand.run(List.of("purge"), out)).isEqualTo(2);
    }

    private String[] spring() {
        return new String[] {
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + infra.user(),
            "--spring.datasource.password=" + infra.password(),
            "--spring.data.redis.url=" + infra.redisUrl(),
            "--taskmesh.auth.jwt-key=" + IntegrationTest.JWT_KEY
        };
    }
}
