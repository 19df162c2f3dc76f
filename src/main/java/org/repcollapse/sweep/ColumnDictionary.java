package org.repcollapse.sweep;

import java.util.ArrayList;
import java.util.List;

import org.repcollapse.experiment.ResourceText;

/**
 * The column dictionary of {@code sweep.csv}, one definition for the rows ({@link SweepRow}) and the plots
 * ({@code plot/sweep/SweepColumns}): the resource {@code columns.tsv}, a line per column with its axis label,
 * meaning and unit, and for a theory column the dotted path in the run's theory report that fills it.
 */
public final class ColumnDictionary {

    /**
     * One documented column.
     *
     * @param theoryPath    dotted path in {@code RunResult#theory()} (a number indexes a list; a list at the end
     *                      gives its size); null for a column that is not a theory prediction
     * @param embeddingOnly a prediction of the embedding-only dynamics (left empty for a model with a head, as
     *                      summary.json does) rather than a property of the data
     */
    public record Entry(String name, String label, String meaning, String unit, String theoryPath,
                        boolean embeddingOnly) {
    }

    private static final List<Entry> ALL = load();
    private static final List<Entry> THEORY = ALL.stream().filter(e -> e.theoryPath() != null).toList();

    private ColumnDictionary() {
    }

    /** Every documented column, in sweep.csv order (swept keys go after seed). */
    public static List<Entry> all() {
        return ALL;
    }

    /** The theory columns, in sweep.csv order. */
    public static List<Entry> theory() {
        return THEORY;
    }

    private static List<Entry> load() {
        String text = ResourceText.read(ColumnDictionary.class, "columns.tsv");
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            boolean theory = f.length > 4;
            entries.add(new Entry(f[0], f[1], f[2], f[3], theory ? f[4] : null, theory && f[5].equals("eom")));
        }
        return List.copyOf(entries);
    }
}
