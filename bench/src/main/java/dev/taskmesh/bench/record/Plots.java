package dev.taskmesh.bench.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The reports' plots, drawn by XChart into PNG files: latency percentile curves and values over time, with the
 * moments of faults marked. (XChart's SVG draws every letter as an outline: half a megabyte a plot.)
 */
public final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    static {
        // a plot needs fonts' metrics, never a display
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** A moment on a plot over time: a vertical line and its label. */
    public record Marker(double seconds, String label) {}

    /** One line of a plot over time: its name and its points (x in seconds, y). */
    public record Line(String name, List<double[]> points) {}

    /**
     * Latency against percentile, one curve per distribution, on the log scale of 1/(1 − p) that spreads the tail:
     * 2 is the median, 10 p90, 100 p99, 1,000 p99.9.
     */
    public static Path percentiles(Path file, String title, Map<String, Histogram> distributions) {
        XYChart chart =
                chart(title, "1 / (1 - percentile): 2 = p50, 10 = p90, 100 = p99, 1000 = p99.9", "latency (ms)");
        chart.getStyler().setXAxisLogarithmic(true);
        distributions.forEach((name, histogram) -> {
            if (histogram.getTotalCount() == 0) {
                return;
            }
            List<double[]> points = new java.util.ArrayList<>();
            for (HistogramIterationValue value : histogram.percentiles(5)) {
                double p = value.getPercentileLevelIteratedTo() / 100.0;
                if (p >= 1) {
                    break;
                }
                points.add(new double[] {1 / (1 - p), value.getValueIteratedTo() / 1000.0});
            }
            if (points.size() > 1) {
                add(chart, name, points);
            }
        });
        return save(chart, file);
    }

    /** Values over the seconds of a run, with the moments of {@code markers} drawn as vertical lines. */
    public static Path overTime(Path file, String title, String yTitle, List<Line> lines, List<Marker> markers) {
        XYChart chart = chart(title, "seconds since the load began", yTitle);
        double top = 0;
        for (Line line : lines) {
            List<double[]> points =
                    line.points().stream().filter(p -> !Double.isNaN(p[1])).toList();
            if (!points.isEmpty()) {
                add(chart, line.name(), points);
                top = Math.max(top, points.stream().mapToDouble(p -> p[1]).max().orElse(0));
            }
        }
        for (int m = 0; m < markers.size(); m++) {
            Marker marker = markers.get(m);
            chart.addAnnotation(new AnnotationLine(marker.seconds(), true, false));
            // staggered, so that the labels of moments seconds apart do not print over each other
            chart.addAnnotation(
                    new AnnotationText(marker.label(), marker.seconds(), top * (1.02 - 0.07 * (m % 3)), false));
        }
        return save(chart, file);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setAntiAlias(true);
        return chart;
    }

    private static void add(XYChart chart, String name, List<double[]> points) {
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static Path save(XYChart chart, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmapWithDPI(chart, file.toString(), BitmapFormat.PNG, 110);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the plot " + file, e);
        }
    }
}
