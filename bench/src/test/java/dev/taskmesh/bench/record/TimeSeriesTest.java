package dev.taskmesh.bench.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    private static final long START = 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final TimeSeries series = new TimeSeries(START);

    @Test
    void bucketsRequestsBySecondsSinceTheStart() {
        series.success(START + SECOND / 2, 1_000);
        series.success(START + SECOND + 1, 3_000);
        series.success(START + SECOND + 2, 5_000);
        series.error(START + 3 * SECOND);

        List<TimeSeries.Point> points = series.points(2);

        assertThat(points).hasSize(2);
        assertThat(points.get(0).t()).isEqualTo(1.0);
        assertThat(points.get(0).perSecond()).isEqualTo(1.5);
        assertThat(points.get(0).maxMs()).isEqualTo(5.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(points.get(1).perSecond()).isZero();
        assertThat(points.get(1).errorsPerSecond()).isEqualTo(0.5);
        assertThat(points.get(1).p50Ms()).isNaN();
    }

    @Test
    void aWindowHoldsOnlyItsWholeSeconds() {
        series.success(START + SECOND / 2, 1_000);
        series.success(START + 2 * SECOND + 1, 9_000);

        assertThat(series.between(START, START + 2 * SECOND).getTotalCount()).isOne();
        assertThat(series.total().getTotalCount()).isEqualTo(2);
    }

    @Test
    void aRequestBeforeTheStartCountsInTheFirstSecond() {
        series.success(START - SECOND, 2_000);

        assertThat(series.points(1).getFirst().perSecond()).isEqualTo(1.0);
    }
}
