package dev.taskmesh.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowReportTest {

    private static FollowReport clean(int clients, long positions) {
        return new FollowReport(clients, clients, positions, positions, 0, 0, 0, 0, 0, 3, 1, 0, 0, Map.of(), List.of());
    }

    @Test
    void clientsAtTheirHeadWithEveryPositionOnceAreComplete() {
        FollowReport merged = FollowReport.merge(List.of(clean(2, 10), clean(3, 15)));

        assertThat(merged.clients()).isEqualTo(5);
        assertThat(merged.delivered()).isEqualTo(25);
        assertThat(merged.reconnects()).isEqualTo(6);
        assertThat(merged.complete()).isTrue();
    }

    @Test
    void aDuplicateHoleOrClientBehindIsNotComplete() {
        FollowReport duplicate = new FollowReport(1, 1, 5, 5, 0, 0, 1, 0, 0, 0, 0, 0, 0, Map.of(), List.of());
        FollowReport hole = new FollowReport(1, 1, 5, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0, Map.of(), List.of());
        FollowReport behind = new FollowReport(1, 0, 5, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), List.of());

        assertThat(List.of(duplicate, hole, behind)).noneMatch(FollowReport::complete);
    }

    @Test
    void noClientsIsNotAPass() {
        assertThat(clean(0, 0).complete()).isFalse();
    }
}
