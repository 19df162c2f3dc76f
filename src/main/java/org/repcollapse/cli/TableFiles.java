package org.repcollapse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.repcollapse.experiment.AtomicFiles;
import org.repcollapse.experiment.SummaryJson;
import org.repcollapse.sweep.SweepCsv;

/** What continue and basins write for a table of results: {@code DIR/CSV} (header and rows) and {@code DIR/JSON}. */
final class TableFiles {

    private TableFiles() {
    }

    /** Creates {@code dir} and writes the table to {@code csv} and the summary to {@code json} in it, each atomically. */
    static void write(Path dir, String csv, List<String> header, List<List<String>> rows, String json,
                      Map<String, Object> summary) throws IOException {
        Files.createDirectories(dir);
        StringBuilder b = new StringBuilder(SweepCsv.line(header)).append('\n');
        for (List<String> row : rows) {
            b.append(SweepCsv.line(row)).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(csv), b.toString());
        AtomicFiles.writeString(dir.resolve(json), SummaryJson.toJson(SummaryJson.sanitize(summary)));
    }
}
