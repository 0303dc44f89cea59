package dev.taskmesh.server.poison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PoisonPropertiesTest {

    @Test
    void everyProcessorTriesFiveTimesUnlessItsOwnNumberSaysOtherwise() {
        PoisonProperties properties = new PoisonProperties(null, Map.of("attachment-scanning", 0));
        assertThat(properties.attemptsOf("task-views")).isEqualTo(5);
        assertThat(properties.attemptsOf("attachment-scanning")).isZero();
    }

    @Test
    void aNegativeNumberOfAttemptsIsRefused() {
        assertThatThrownBy(() -> new PoisonProperties(-1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PoisonProperties(null, Map.of("search", -2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
