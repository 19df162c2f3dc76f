package org.repcollapse.plot.paper;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code figures/README.md}: each figure with its caption, inputs, checks, and the command that made it. */
public final class FigureReadme {

    /** A figure as it came out: drawn (reason null) or skipped (with the reason). */
    public record Entry(PaperFigure figure, String skipped, Map<String, Double> measurements, List<String> notes) {
    }

    private FigureReadme() {
    }

    /** A check's value: whole numbers as such, others to four significant digits. */
    public static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    public static String render(List<Entry> entries, boolean quick) {
        return render(entries, quick, List.of());
    }

    /** @param settings the {@code --set} values the set was drawn with (empty: the models as they are) */
    public static String render(List<Entry> entries, boolean quick, List<String> settings) {
        StringBuilder b = new StringBuilder();
        b.append("# Figures\n\n");
        b.append("The figures of spec section 7, each with the theory drawn over the simulation. They are exactly the\n")
         .append("output of\n\n```\nmvn -q -B package -DskipTests\njava -jar target/collapse.jar figures\n```\n\n")
         .append("which reads the experiment files in `models/` and writes here, for each figure, PNG (at twice the\n")
         .append("layout size; `--dpi` sets it), SVG, PDF and a tidy CSV of exactly the plotted series (columns\n")
         .append("`panel, role, series, x_axis, y_axis, x, y, y_low, y_high`; role is simulation, theory or marker;\n")
         .append("an empty field is NaN), and this file. `--set key=value --out DIR` redraws the set at other\n")
         .append("parameters.\n")
         .append("`--only NAME` redraws one figure (README untouched); `--quick` is the CI smoke mode (smaller N,\n")
         .append("fewer points and seeds, written to a temporary directory unless `--out` is given); `--threads N`\n")
         .append("sets the run pool (the numbers do not depend on it).\n");
        if (!settings.isEmpty()) {
            b.append("\n**This set was drawn with `--set ").append(String.join(" --set ", settings))
             .append("`, not from the models as they are.**\n");
        }
        if (quick) {
            b.append("\n**This set was made with `--quick`: reduced sizes, not the committed figures.**\n");
        }
        int n = 1;
        for (Entry e : entries) {
            PaperFigure f = e.figure();
            b.append("\n## ").append(n++).append(". `").append(f.name()).append("`\n\n");
            if (e.skipped() != null) {
                b.append("**Skipped:** ").append(e.skipped()).append("\n\n");
            } else {
                b.append("![").append(f.name()).append("](").append(f.name()).append(".png)\n\n");
                b.append("([SVG](").append(f.name()).append(".svg), [PDF](").append(f.name())
                 .append(".pdf), [data](").append(f.name()).append(".csv))\n\n");
            }
            b.append(f.caption()).append("\n\n");
            b.append("Inputs: ");
            for (int k = 0; k < f.inputs().size(); k++) {
                b.append(k == 0 ? "" : ", ").append("`models/").append(f.inputs().get(k)).append('`');
            }
            b.append(". Command: `java -jar target/collapse.jar figures --only ").append(f.name()).append("`.\n");
            if (!e.measurements().isEmpty()) {
                b.append("\nChecks (simulation against theory):\n\n");
                e.measurements().forEach((k, v) -> b.append("- `").append(k).append("` = ")
                        .append(format(v)).append('\n'));
            }
            for (String note : e.notes()) {
                b.append("\nNote: ").append(note).append('\n');
            }
        }
        return b.toString();
    }
}
