package io.warpengine.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latency percentile curves of a run as a PNG, drawn like HdrHistogram's plotter: the x axis is
 * log10(1/(1-percentile)), so 90%, 99%, 99.9%... are evenly spaced and the tail is visible.
 */
final class LatencyChart {

    private static final double MAX_NINES = 6; // 99.9999%

    private LatencyChart() {
    }

    /** Writes {@code file} (a .png) with one curve per entry of {@code curves} (name to nanosecond histogram). */
    static void write(Path file, String title, Map<String, Histogram> curves) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1100).height(650).title(title)
                .xAxisTitle("percentile").yAxisTitle("latency (µs)").build();
        XYStyler styler = chart.getStyler();
        styler.setYAxisLogarithmic(true);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(MAX_NINES);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setxAxisTickLabelsFormattingFunction(LatencyChart::percentileLabel);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        curves.forEach((name, h) -> {
            if (h.getTotalCount() == 0) {
                return;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (HistogramIterationValue v : h.percentiles(5)) {
                double nines = Math.min(MAX_NINES, -Math.log10(1 - v.getPercentileLevelIteratedTo() / 100));
                x.add(nines);
                y.add(Math.max(0.01, v.getValueIteratedTo() / 1000.0));
                if (nines >= MAX_NINES) {
                    break;
                }
            }
            XYSeries series = chart.addSeries(name, x, y);
            series.setMarker(SeriesMarkers.NONE);
        });
        try {
            String path = file.toString();
            BitmapEncoder.saveBitmap(chart, path.endsWith(".png") ? path.substring(0, path.length() - 4) : path,
                    BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file, e);
        }
    }

    /** 0 -> 0%, 1 -> 90%, 2 -> 99%, 3 -> 99.9%... */
    private static String percentileLabel(double nines) {
        double percentile = 100 * (1 - Math.pow(10, -nines));
        int decimals = Math.max(0, (int) Math.ceil(nines) - 2);
        return String.format(Locale.ROOT, "%." + decimals + "f%%", percentile);
    }
}
