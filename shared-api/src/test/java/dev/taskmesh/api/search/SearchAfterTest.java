package dev.taskmesh.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskmesh.api.task.TaskId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SearchAfterTest {

    @Test
    void aPositionSurvivesItsTextExactlyToTheRankBitAndTheMicrosecond() {
        SearchAfter after = new SearchAfter(
                0.0607927f, Instant.parse("2026-11-28T21:00:00.123456789Z"), new TaskId(UUID.randomUUID()));

        SearchAfter parsed = SearchAfter.parse(after.toString());

        assertThat(parsed).isEqualTo(after);
        assertThat(Float.floatToIntBits(parsed.rank())).isEqualTo(Float.floatToIntBits(0.0607927f));
        assertThat(parsed.updatedAt()).isEqualTo(Instant.parse("2026-11-28T21:00:00.123456Z"));
    }

    @Test
    void anyOtherTextIsRefusedAsAnArgument() {
        String task = UUID.randomUUID().toString();
        for (String text : new String[] {
            "",
            "a:b",
            "zz:1:" + task,
            "3d:1:nope",
            "3d:" + Long.MAX_VALUE + ":" + task,
            "3d:-1:" + task,
            "7fc00000:1:" + task
        }) {
            assertThatThrownBy(() -> SearchAfter.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
