package org.repcollapse.plot.sweep;

import java.util.ArrayList;
import java.util.List;

import org.repcollapse.sweep.SweepCsv;

/**
 * The aggregated CSV written next to a sweep plot: exactly the numbers drawn, one row per
 * point (tidy: one observation per row), an empty field where a value is undefined (NaN).
 * Lines: {@code column, [series key], x key, runs, failed, n, mean, sd, ci95, error, theory_column,
 * theory}, where {@code ci95} is the half-width of the 95 % interval of the mean and
 * {@code error} the half-width of the error bar drawn. Phase diagrams: {@code x key, y key,
 * runs, failed, n, mean, sd, category, theory_collapse}.
 */
public final class AggregateCsv {

    private AggregateCsv() {
    }

    public static String lines(List<SweepAggregate.Point> points, String xKey, String seriesKey,
                               SeedStatistics.ErrorBar bar) {
        List<String> header = new ArrayList<>(List.of("column"));
        if (seriesKey != null) {
            header.add(seriesKey);
        }
        header.addAll(List.of(xKey, "runs", "failed", "n", "mean", "sd", "ci95", "error", "theory_column", "theory"));
        StringBuilder b = new StringBuilder(SweepCsv.line(header)).append('\n');
        for (SweepAggregate.Point p : points) {
            List<String> v = new ArrayList<>(List.of(p.column()));
            if (seriesKey != null) {
                v.add(p.series());
            }
            v.addAll(List.of(p.x(), Integer.toString(p.runs()), Integer.toString(p.failed()),
                    Integer.toString(p.stats().n()), num(p.stats().mean()), num(p.stats().sd()),
                    num(p.stats().ci95()), num(p.stats().n() > 0 ? p.stats().error(bar) : Double.NaN),
                    p.theoryColumn() == null ? "" : p.theoryColumn(), num(p.theory())));
            b.append(SweepCsv.line(v)).append('\n');
        }
        return b.toString();
    }

    public static String cells(List<SweepAggregate.Cell> cells, String xKey, String yKey) {
        StringBuilder b = new StringBuilder(SweepCsv.line(List.of(xKey, yKey, "runs", "failed", "n", "mean", "sd",
                "category", "theory_collapse"))).append('\n');
        for (SweepAggregate.Cell c : cells) {
            SeedStatistics s = c.stats();
            b.append(SweepCsv.line(List.of(c.x(), c.y(), Integer.toString(c.runs()), Integer.toString(c.failed()),
                    s == null ? "" : Integer.toString(s.n()), s == null ? "" : num(s.mean()),
                    s == null ? "" : num(s.sd()), c.category() == null ? "" : c.category(), c.theoryCategory())))
                    .append('\n');
        }
        return b.toString();
    }

    /** A number as Java writes it (exact round trip); empty for NaN. */
    public static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
