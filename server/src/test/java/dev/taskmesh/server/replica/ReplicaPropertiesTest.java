package dev.taskmesh.server.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replica settings a node refuses to start with, and what it makes of the rest. */
class ReplicaPropertiesTest {

    @Test
    void noReplicasByDefaultAndBlankEntriesAreIgnored() {
        ReplicaProperties defaults = new ReplicaProperties(null, null, null, null, null, null, null);
        assertThat(defaults.urls()).isEmpty();
        assertThat(defaults.maxLag()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.readYourWritesWait()).isEqualTo(Duration.ofMillis(200));
        assertThat(new ReplicaProperties(
                                List.of(" jdbc:postgresql://r1:5432/taskmesh ", ""), null, null, null, null, null, null)
                        .urls())
                .containsExactly("jdbc:postgresql://r1:5432/taskmesh");
    }

    @Test
    void aUrlThatIsNotPostgresJdbcIsRefusedWithItsValue() {
        assertThatThrownBy(() -> new ReplicaProperties(
                        List.of("postgres://r1:5432/taskmesh"), null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres://r1:5432/taskmesh");
    }

    @Test
    void negativeDurationsAndAnEmptyPoolAreRefused() {
        assertThatThrownBy(() -> new ReplicaProperties(null, null, null, Duration.ofSeconds(-1), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplicaProperties(null, null, null, null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
