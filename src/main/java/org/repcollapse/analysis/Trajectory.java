package org.repcollapse.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Recorded metric rows, in time order, under named columns. */
public final class Trajectory {

    private final List<String> columns;
    private final List<double[]> rows = new ArrayList<>();

    public Trajectory(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    public void add(double[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values for " + columns.size() + " columns");
        }
        rows.add(row);
    }

    public List<String> columns() {
        return columns;
    }

    public List<double[]> rows() {
        return Collections.unmodifiableList(rows);
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public double[] last() {
        return rows.get(rows.size() - 1);
    }

    public double[] column(int index) {
        double[] out = new double[rows.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = rows.get(k)[index];
        }
        return out;
    }

    public double[] column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        return column(index);
    }
}
