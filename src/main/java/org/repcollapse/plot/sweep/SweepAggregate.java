package org.repcollapse.plot.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.sweep.SweepCsv;

/**
 * A sweep averaged over its seeds: the complete rows of each (series value, x value) grouped,
 * each column reduced to {@link SeedStatistics} (lines), or each cell of a two-key grid reduced
 * to its mean or its most frequent category (phase diagram). Failed runs are counted, not
 * averaged. Swept keys on neither axis must be fixed with {@code --where key=value}.
 */
public final class SweepAggregate {

    /** One plotted point of one line: the column, the series value ("" without --series), x, and statistics. */
    public record Point(String column, String series, String x, int runs, int failed, SeedStatistics stats,
                        String theoryColumn, double theory) {

        public double xValue() {
            return Double.parseDouble(x);
        }
    }

    /**
     * One cell of a phase diagram: its two key values, the runs, the mean of a numeric column
     * (with statistics) or the most frequent category, and the predicted collapse type there.
     */
    public record Cell(String x, String y, int runs, int failed, SeedStatistics stats, String category,
                       String theoryCategory) {
    }

    /** The runs of one grid point (after --where): the complete rows and how many failed. */
    private record Group(List<Map<String, String>> complete, int[] failed) {
        Group() {
            this(new ArrayList<>(), new int[1]);
        }
    }

    private SweepAggregate() {
    }

    /** The runs at each (series value, x value), after --where, in grid order. */
    private static Map<List<String>, Group> groups(SweepTable t, String xKey, String seriesKey,
                                                   Map<String, String> where) {
        for (String k : t.parameters().keySet()) {
            if (!k.equals(xKey) && !k.equals(seriesKey) && !where.containsKey(k)
                    && t.parameters().get(k).size() > 1) {
                throw ExperimentException.of("swept key", k, "is on no axis: add --series " + k + " or --where "
                        + k + "=VALUE (values: " + String.join(",", t.parameters().get(k)) + ")");
            }
        }
        for (Map.Entry<String, String> w : where.entrySet()) {
            t.requireSwept("--where", w.getKey());
            if (!t.parameters().get(w.getKey()).contains(w.getValue())) {
                throw ExperimentException.of("--where " + w.getKey(), w.getValue(), "not one of its swept values ("
                        + String.join(",", t.parameters().get(w.getKey())) + ")");
            }
        }
        List<String> seriesValues = seriesKey == null ? List.of("") : t.parameters().get(seriesKey);
        List<String> xValues = t.parameters().get(xKey);
        Map<List<String>, Group> g = new LinkedHashMap<>();
        for (String s : seriesValues) {
            for (String x : xValues) {
                g.put(List.of(s, x), new Group());
            }
        }
        for (Map<String, String> row : t.rows()) {
            if (where.entrySet().stream().anyMatch(w -> !w.getValue().equals(row.get(w.getKey())))) {
                continue;
            }
            List<String> key = List.of(seriesKey == null ? "" : row.get(seriesKey), row.get(xKey));
            Group group = g.get(key);
            if (group == null) {
                continue;
            }
            if ("complete".equals(row.get("status"))) {
                group.complete().add(row);
            } else {
                group.failed()[0]++;
            }
        }
        return g;
    }

    /** The points of every line: for each column, each series value, each x value with runs (grid order). */
    public static List<Point> lines(SweepTable t, String xKey, String seriesKey, List<String> columns,
                                    Map<String, String> where) {
        Map<List<String>, Group> g = groups(t, xKey, seriesKey, where);
        List<Point> points = new ArrayList<>();
        for (String column : columns) {
            String theoryColumn = SweepColumns.theoryOf(column);
            if (theoryColumn != null && !t.columns().contains(theoryColumn)) {
                theoryColumn = null;
            }
            for (Map.Entry<List<String>, Group> e : g.entrySet()) {
                List<Map<String, String>> rows = e.getValue().complete();
                int failed = e.getValue().failed()[0];
                if (rows.isEmpty() && failed == 0) {
                    continue;
                }
                double[] v = values(rows, column, t);
                double theory = theoryColumn == null ? Double.NaN
                        : SeedStatistics.of(values(rows, theoryColumn, t)).mean();
                points.add(new Point(column, e.getKey().get(0), e.getKey().get(1), rows.size() + failed, failed,
                        SeedStatistics.of(v), theoryColumn, theory));
            }
        }
        return points;
    }

    private static double[] values(List<Map<String, String>> rows, String column, SweepTable t) {
        double[] v = new double[rows.size()];
        for (int k = 0; k < v.length; k++) {
            Double d = SweepTable.number(rows.get(k).get(column));
            if (d == null) {
                throw ExperimentException.of("--y", column, "not a numeric column (value "
                        + rows.get(k).get(column) + " in " + t.dir().resolve(SweepCsv.FILE) + ")");
            }
            v[k] = d;
        }
        return v;
    }

    /** Whether a column holds numbers (every non-empty field parses). */
    public static boolean numeric(SweepTable t, String column) {
        return t.rows().stream().map(r -> r.get(column)).allMatch(f -> SweepTable.number(f) != null);
    }

    /** The cells of a phase diagram over (xKey, yKey): the mean of a numeric column or the modal category. */
    public static List<Cell> cells(SweepTable t, String xKey, String yKey, String column, Map<String, String> where) {
        boolean numeric = numeric(t, column);
        Map<List<String>, Group> g = groups(t, xKey, yKey, where);
        List<Cell> cells = new ArrayList<>();
        for (Map.Entry<List<String>, Group> e : g.entrySet()) {
            List<Map<String, String>> rows = e.getValue().complete();
            int failed = e.getValue().failed()[0];
            SeedStatistics stats = numeric ? SeedStatistics.of(values(rows, column, t)) : null;
            String category = numeric ? null : mode(rows, column);
            String theory = t.columns().contains("theory_collapse") ? mode(rows, "theory_collapse") : "";
            cells.add(new Cell(e.getKey().get(1), e.getKey().get(0), rows.size() + failed, failed, stats, category,
                    theory));
        }
        return cells;
    }

    /** The most frequent non-empty value (ties: the first in row order); "" if none. */
    static String mode(List<Map<String, String>> rows, String column) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rows.stream().map(r -> r.get(column)).filter(v -> v != null && !v.isEmpty())
                .forEach(v -> counts.merge(v, 1, Integer::sum));
        String best = "";
        int most = 0;
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            if (c.getValue() > most) {
                best = c.getKey();
                most = c.getValue();
            }
        }
        return best;
    }
}
