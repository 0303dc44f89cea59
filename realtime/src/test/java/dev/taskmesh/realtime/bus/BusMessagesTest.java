package dev.taskmesh.realtime.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.realtime.stream.StoredFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusMessagesTest {

    @Test
    void aFrameCrossesTheBusUnchangedTabsInItsJsonIncluded() {
        StoredFrame frame = new StoredFrame(42, "task:0b5e6a34-8c6c-4f0e-9b2a-3a9e0c3f2d11", 7, "{\"data\":\"a\tb\"}");
        List<Object> received = new ArrayList<>();
        BusMessages.decode(BusMessages.encode(frame, 123_456), (decoded, micros) -> {
            received.add(decoded);
            received.add(micros);
        });
        assertThat(received).containsExactly(frame, 123_456L);
    }

    @Test
    void aStrayMessageOnTheChannelIsIgnored() {
        List<StoredFrame> received = new ArrayList<>();
        BusMessages.decode("hello", (decoded, micros) -> received.add(decoded));
        BusMessages.decode("x\ty\tz\tw\t{}", (decoded, micros) -> received.add(decoded));
        assertThat(received).isEmpty();
    }
}
