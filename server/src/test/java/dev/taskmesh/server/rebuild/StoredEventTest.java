package dev.taskmesh.server.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/** The event store's timestamps, read by position when Axon wrote them and by Axon's parser otherwise. */
class StoredEventTest {

    @Test
    void theShapeAxonWritesIsReadToTheMillisecond() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            // from 1970 to 2100, every millisecond equally likely
            Instant at = Instant.ofEpochMilli((long) (random.nextDouble() * 4_102_444_800_000L));
            String stored = DateTimeUtils.formatInstant(at);

            assertThat(StoredEvent.parseTimestamp(stored)).as(stored).isEqualTo(at);
        }
    }

    @Test
    void otherShapesGoToAxonsParser() {
        for (String stored :
                List.of("2026-11-29T08:27:01Z", "2026-11-29T08:27:01.134567Z", "2026-11-29T09:27:01.134+01:00")) {
            assertThat(StoredEvent.parseTimestamp(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @Test
    void aTimestampOfTheRightLengthButNoDateIsRefusedAsAxonRefusesIt() {
        assertThatThrownBy(() -> StoredEvent.parseTimestamp("2026-13-29T08:27:01.134Z"))
                .isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredEvent.parseTimestamp("2026-+1-29T08:27:01.134Z"))
                .isInstanceOf(DateTimeParseException.class);
    }
}
