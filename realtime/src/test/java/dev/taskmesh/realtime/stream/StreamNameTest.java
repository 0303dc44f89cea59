package dev.taskmesh.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamNameTest {

    @Test
    void aStreamHasOneCanonicalName() {
        UUID id = UUID.randomUUID();
        StreamName parsed = StreamName.parse("workspace:" + id.toString().toUpperCase());
        assertThat(parsed).isEqualTo(StreamName.workspace(id));
        assertThat(parsed.toString()).isEqualTo("workspace:" + id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "workspace",
                "workspace:",
                "board:0b5e6a34-8c6c-4f0e-9b2a-3a9e0c3f2d11",
                "Workspace:0b5e6a34-8c6c-4f0e-9b2a-3a9e0c3f2d11",
                "task:1-1-1-1-1",
                "user:0b5e6a34-8c6c-4f0e-9b2a-3a9e0c3f2d11:x"
            })
    void anythingElseIsRefused(String text) {
        assertThatThrownBy(() -> StreamName.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
