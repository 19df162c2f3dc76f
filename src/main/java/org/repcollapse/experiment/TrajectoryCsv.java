package org.repcollapse.experiment;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.repcollapse.analysis.Trajectory;

/**
 * {@code trajectory.csv}: a header row, then one row per recorded time. Numbers are written
 * with {@link Double#toString}, which reads back to the same double; an empty field stands
 * for NaN, "not applicable" (head columns without a head), as in sweep.csv.
 */
public final class TrajectoryCsv {

    private TrajectoryCsv() {
    }

    public static void write(Path file, Trajectory trajectory) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                    .setHeader(trajectory.columns().toArray(new String[0])).build();
            try (CSVPrinter p = new CSVPrinter(w, format)) {
                for (double[] row : trajectory.rows()) {
                    for (double v : row) {
                        p.print(Double.isNaN(v) ? "" : Double.toString(v));
                    }
                    p.println();
                }
            }
        });
    }
}
