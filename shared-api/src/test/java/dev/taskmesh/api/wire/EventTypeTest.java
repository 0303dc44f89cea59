package dev.taskmesh.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.api.task.TaskCreatedEvent;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void anEventTypeIsTheRecordsNameWithoutItsSuffix() {
        assertThat(EventType.of(TaskCreatedEvent.class)).isEqualTo("TaskCreated");
        assertThat(EventType.of(String.class)).isEqualTo("String");
    }
}
