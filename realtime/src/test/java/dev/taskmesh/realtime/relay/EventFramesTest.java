package dev.taskmesh.realtime.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.api.task.TaskCreatedEvent;
import org.junit.jupiter.api.Test;

class EventFramesTest {

    @Test
    void anEventTypeIsTheRecordsNameWithoutItsSuffix() {
        assertThat(EventFrames.eventType(TaskCreatedEvent.class)).isEqualTo("TaskCreated");
        assertThat(EventFrames.eventType(String.class)).isEqualTo("String");
    }
}
