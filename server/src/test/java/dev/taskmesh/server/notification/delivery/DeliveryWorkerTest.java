package dev.taskmesh.server.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

class DeliveryWorkerTest {

    private static final Duration FIRST = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofMinutes(10);

    @RepeatedTest(20)
    void theNthRetryWaitsBetweenHalfAndAllOfTheDoubledDelay() {
        assertThat(DeliveryWorker.retryDelay(1, FIRST, MAX)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(DeliveryWorker.retryDelay(4, FIRST, MAX)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
    }

    @RepeatedTest(20)
    void theDelayNeverExceedsTheMaximum() {
        assertThat(DeliveryWorker.retryDelay(30, FIRST, MAX)).isBetween(Duration.ofMinutes(5), MAX);
        assertThat(DeliveryWorker.retryDelay(Integer.MAX_VALUE, FIRST, MAX)).isLessThanOrEqualTo(MAX);
    }
}
