package dev.taskmesh.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.bulk.ImportCommand;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The import subcommand seeds through the same commands as HTTP, and refuses bad arguments clearly. */
class BulkImportIT {

    @Test
    void importsTasksAsTheHttpPathWouldHaveStoredThem() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String url = infra.createDatabase();

        int exit = ImportCommand.run(
                List.of("--tasks=250", "--projects=3", "--threads=2", "--batch=40"),
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + infra.user(),
                "--spring.datasource.password=" + infra.password(),
                "--spring.data.redis.url=" + infra.redisUrl(),
                "--taskmesh.auth.jwt-key=" + IntegrationTest.JWT_KEY);

        assertThat(exit).isZero();
        try (Connection db = DriverManager.getConnection(url, infra.user(), infra.password())) {
            assertThat(count(db, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%TaskCreatedEvent'"))
                    .isEqualTo(250);
            assertThat(count(
                            db,
                            "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ProjectCreatedEvent'"))
                    .isEqualTo(3);
            assertThat(count(db, "SELECT count(*) FROM task_registry")).isEqualTo(250);
            assertThat(count(db, "SELECT count(*) FROM workspace_member")).isEqualTo(1);
        }
    }

    @Test
    void badArgumentsExitWithStatusTwoAndTouchNothing() {
        assertThat(ImportCommand.run(List.of())).isEqualTo(2);
        assertThat(ImportCommand.run(List.of("--tasks=lots"))).isEqualTo(2);
        assertThat(ImportCommand.run(List.of("--tasks=10", "--colour=red"))).isEqualTo(2);
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
