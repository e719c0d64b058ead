package io.warpengine.bench.policy;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Hit ratio against capacity as a PNG: one chart per workload (2 x 2 for all four), one line per policy. */
final class PolicyChart {

    static final int WIDTH = 700;
    static final int HEIGHT = 450;

    private PolicyChart() {
    }

    /** Writes {@code file} (a .png) from the cells of {@code streams}. */
    static void write(Path file, String title, List<KeyStream> streams, List<PolicySimulator.Cell> cells) {
        System.setProperty("java.awt.headless", "true");
        List<XYChart> charts = new ArrayList<>();
        for (KeyStream stream : streams) {
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                    .title(title + ": " + stream.label()).xAxisTitle("capacity (% of keys)").yAxisTitle("hit ratio").build();
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(1.0);
            // Capacities run from 1% to 50%: a log axis keeps the small ones, the case among them, apart.
            chart.getStyler().setXAxisLogarithmic(true);
            for (PolicyKind kind : PolicyKind.values()) {
                List<PolicySimulator.Cell> line = cells.stream()
                        .filter(c -> c.workload().equals(stream.label()) && c.policy().equals(kind.label()))
                        .sorted(Comparator.comparingDouble(PolicySimulator.Cell::capacityFraction)).toList();
                XYSeries series = chart.addSeries(kind.label(),
                        line.stream().map(c -> 100 * c.capacityFraction()).toList(),
                        line.stream().map(PolicySimulator.Cell::hitRatio).toList());
                series.setMarker(SeriesMarkers.CIRCLE);
            }
            charts.add(chart);
        }
        // XChart fills every cell of the grid, so the grid is exactly as large as the list: 2 x 2 for four, else a column.
        int columns = charts.size() == 4 ? 2 : 1;
        int rows = charts.size() / columns;
        try {
            String path = file.toString();
            BitmapEncoder.saveBitmap(charts, rows, columns,
                    path.endsWith(".png") ? path.substring(0, path.length() - 4) : path, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file, e);
        }
    }
}
