package org.repcollapse.plot.sweep;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.sweep.SweepCsv;
import org.repcollapse.sweep.SweepPlan;

/**
 * A finished (or partial) sweep as read back from its directory: the swept keys with their
 * values in grid order (from {@code sweep.json}) and the rows of {@code sweep.csv}, each a map
 * from column to field (an empty field is "not applicable", NaN).
 */
public record SweepTable(Path dir, Map<String, List<String>> parameters, List<String> columns,
                         List<Map<String, String>> rows) {

    public static SweepTable read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ExperimentException(dir + ": no such sweep directory");
        }
        Path json = dir.resolve(SweepPlan.DEFINITION);
        Path csv = dir.resolve(SweepCsv.FILE);
        for (Path p : List.of(json, csv)) {
            if (!Files.isRegularFile(p)) {
                throw new ExperimentException(p + ": not found (not a sweep directory?)");
            }
        }
        ObjectNode definition = SweepPlan.readDefinition(json);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (JsonNode p : definition.path("parameters")) {
            List<String> values = new ArrayList<>();
            p.path("values").forEach(v -> values.add(v.asText()));
            parameters.put(p.path("key").asText(), values);
        }
        List<String> columns = SweepPlan.columnsOf(definition);
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .build())) {
            if (!parser.getHeaderNames().equals(columns)) {
                throw new ExperimentException(csv + ": its columns differ from those " + json + " names");
            }
            for (CSVRecord record : parser) {
                if (record.size() != columns.size()) {
                    continue;                       // a partial last line of an interrupted sweep
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int k = 0; k < columns.size(); k++) {
                    row.put(columns.get(k), record.get(k));
                }
                rows.add(row);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ExperimentException x) {
                throw x;
            }
            throw new ExperimentException(csv + ": cannot be read (" + e.getMessage() + ")");
        }
        // sweep.json stores a range as from/to/count/spacing (format 2), not its values: the values are
        // the key's distinct fields in the rows, in grid order (rows by point; the csv's own text, so
        // cells and axes match exactly)
        List<Map<String, String>> byPoint = new ArrayList<>(rows);
        byPoint.sort(java.util.Comparator.comparingLong(row -> Long.parseLong(row.getOrDefault("point", "0"))));
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (p.getValue().isEmpty()) {
                java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();
                for (Map<String, String> row : byPoint) {
                    String v = row.get(p.getKey());
                    if (v != null) {
                        seen.add(v);
                    }
                }
                List<String> ordered = new ArrayList<>(seen);
                if (ordered.stream().allMatch(SweepTable::isNumber)) {
                    ordered.sort(java.util.Comparator.comparingDouble(Double::parseDouble));
                }
                p.setValue(ordered);
            }
        }
        return new SweepTable(dir, parameters, columns, rows);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A field as a number: NaN when empty (not applicable); {@code null} when it is not a number at all. */
    public static Double number(String field) {
        if (field == null || field.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(field);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Checks that {@code key} is a swept key. */
    public void requireSwept(String option, String key) {
        if (!parameters.containsKey(key)) {
            throw ExperimentException.of(option, key, "not a swept key of " + dir + " (swept: "
                    + String.join(", ", parameters.keySet()) + ")");
        }
    }

    /** Checks that {@code column} is a column of sweep.csv. */
    public void requireColumn(String option, String column) {
        if (!columns.contains(column)) {
            throw ExperimentException.of(option, column, "no such column in " + dir.resolve(SweepCsv.FILE)
                    + " (see the column dictionary in the README)");
        }
    }

    /** Whether every value of a swept key is a number. */
    public boolean numeric(String key) {
        return parameters.get(key).stream().allMatch(v -> {
            Double d = number(v);
            return d != null && Double.isFinite(d);
        });
    }
}
