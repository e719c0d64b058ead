package io.warpengine.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The soak report as a PNG of three stacked charts over the run, one point per window (at its end), one colour per
 * target: the per-window p99 and p99.9 (log scale, so a checkpoint's spike and a quiet window both read); the heap
 * after GC of the windows in which a collection ended, with the fitted trend; the journal's bytes on disk and
 * appended. Three charts rather than a second y axis: with two targets, two axes' lines cross and hide each other.
 */
final class SoakChart {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 360;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd)};
    /** From this run length on, the x axis counts minutes (the slope's unit) instead of seconds. */
    private static final double MINUTES_FROM_SECONDS = 300;

    private SoakChart() {
    }

    /** Writes {@code file} (a .png). */
    static void write(Path file, String title, SoakReport report) {
        System.setProperty("java.awt.headless", "true");
        double lastEnd = report.targets().stream().flatMap(t -> t.windows().stream())
                .mapToDouble(SoakWindow::endSeconds).max().orElse(0);
        boolean minutes = lastEnd >= MINUTES_FROM_SECONDS;
        double perUnit = minutes ? 60 : 1;
        String xTitle = "window end (" + (minutes ? "min" : "s") + " into the phase)";

        double xMax = Math.max(lastEnd / perUnit, 1e-3);
        XYChart latency = chart(title + ": per-window latency", xTitle, "latency (µs)", xMax);
        latency.getStyler().setYAxisLogarithmic(true);
        // A pattern, not a formatting function: xchart draws an axis with a formatting function linear.
        latency.getStyler().setYAxisDecimalPattern("#,##0.#");
        XYChart heap = chart("heap after GC (windows in which a collection ended)", xTitle, "MB", xMax);
        XYChart journal = chart("journal (or the baseline's log)", xTitle, "MB", xMax);
        for (int i = 0; i < report.targets().size(); i++) {
            SoakReport.TargetSoak t = report.targets().get(i);
            Color color = COLORS[i % COLORS.length];
            List<SoakWindow> withCalls = t.windows().stream().filter(w -> w.latency().count() > 0).toList();
            line(latency, t.name() + " p99", withCalls, perUnit, w -> w.latency().p99Micros(), color, false);
            line(latency, t.name() + " p99.9", withCalls, perUnit, w -> w.latency().p999Micros(), color, true);
            List<SoakWindow> fresh = t.windows().stream().filter(SoakWindow::freshHeapFigure).toList();
            line(heap, t.name() + " heap after GC", fresh, perUnit, w -> w.atEnd().heapAfterGcBytes() / 1e6, color,
                    false);
            trend(heap, t, perUnit, color);
            List<SoakWindow> onDisk = t.windows().stream().filter(w -> w.atEnd().journalBytes() >= 0).toList();
            line(journal, t.name() + " on disk", onDisk, perUnit, w -> w.atEnd().journalBytes() / 1e6, color, false);
            line(journal, t.name() + " appended since open", t.windows(), perUnit,
                    w -> w.atEnd().journalBytesWritten() / 1e6, color, true);
        }
        if (heap.getSeriesMap().isEmpty()) { // an empty chart would be drawn with no hint why
            heap.setTitle("heap after GC: no collection ended in any window");
        }
        try {
            String path = file.toString();
            BitmapEncoder.saveBitmap(List.of(latency, heap, journal), 3, 1,
                    path.endsWith(".png") ? path.substring(0, path.length() - 4) : path, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file, e);
        }
    }

    private static XYChart chart(String title, String xTitle, String yTitle, double xMax) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        // Below the plot, so that the three plots are as wide and their x axes line up whatever the legends hold.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("#,##0.##"); // window ends are a few ns past the minute
        chart.getStyler().setXAxisMax(xMax);
        return chart;
    }

    /** Adds a series of {@code y} over {@code windows}; none (null) when there is no point to draw. */
    private static XYSeries line(XYChart chart, String name, List<SoakWindow> windows, double perUnit,
                                 ToDoubleFunction<SoakWindow> y, Color color, boolean dashed) {
        if (windows.isEmpty()) {
            return null;
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (SoakWindow w : windows) {
            xs.add(w.endSeconds() / perUnit);
            ys.add(y.applyAsDouble(w));
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(color);
        series.setMarkerColor(color);
        if (dashed) {
            series.setLineStyle(SeriesLines.DASH_DASH);
        }
        return series;
    }

    /** The fitted heap line over the windows it was fitted on, labelled with its slope. */
    private static void trend(XYChart chart, SoakReport.TargetSoak t, double perUnit, Color color) {
        SoakReport.Fit fit = SoakReport.Fit.heapAfterGc(t.windows());
        if (fit == null) {
            return;
        }
        List<SoakWindow> fitted = SoakReport.Fit.windows(t.windows());
        double from = fitted.get(0).endSeconds();
        double to = fitted.get(fitted.size() - 1).endSeconds();
        XYSeries series = chart.addSeries(String.format(Locale.ROOT, "%s heap trend %+.2f MB/min", t.name(),
                        fit.slopePerMinute() / 1e6), List.of(from / perUnit, to / perUnit),
                List.of(fit.bytesAt(from / 60) / 1e6, fit.bytesAt(to / 60) / 1e6));
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(SeriesLines.DOT_DOT);
    }
}
