package org.repcollapse.sweep;

import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.repcollapse.experiment.AtomicFiles;
import org.repcollapse.experiment.ExperimentException;

/**
 * {@code sweep.csv}, written so that an interruption loses at most the runs in flight: each
 * finished row is appended as one complete line with a single write and forced to disk; a
 * reader keeps only complete, well-formed lines (a trailing partial line is ignored) and the
 * first copy of each {@link RunKey}. At the end the file is rewritten atomically with its rows
 * sorted by (point, seed), so the finished file does not depend on thread count, completion
 * order or interruptions.
 */
public final class SweepCsv {

    public static final String FILE = "sweep.csv";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT;

    private SweepCsv() {
    }

    /** One row as a CSV line, without the line break. */
    public static String line(List<String> values) {
        return FORMAT.format(values.toArray());
    }

    /**
     * What an existing file holds.
     *
     * @param rows  the complete, well-formed rows accepted by the filter, by key
     * @param clean whether the file is exactly the header and these rows (else it needs a rewrite)
     */
    public record Contents(SortedMap<RunKey, String> rows, boolean clean) {
    }

    /**
     * Reads the complete rows of {@code file} (none if it does not exist).
     *
     * @param header  the expected header line: a different header is an error (another sweep)
     * @param columns the number of fields of a row
     * @param accept  which keys belong to this sweep
     */
    public static Contents read(Path file, String header, int columns, Predicate<RunKey> accept) throws IOException {
        SortedMap<RunKey, String> rows = new TreeMap<>();
        if (!Files.exists(file)) {
            return new Contents(rows, false);
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        boolean clean = text.endsWith("\n");
        String[] lines = text.split("\n", -1);
        int complete = lines.length - 1;            // the piece after the last '\n' is partial (or empty)
        if (complete < 1) {
            return new Contents(rows, false);
        }
        if (!lines[0].equals(header)) {
            throw new ExperimentException(file + ": its columns differ from this sweep's; use another --out");
        }
        for (int k = 1; k < complete; k++) {
            RunKey key = parse(lines[k], columns);
            if (key == null || !accept.test(key) || rows.containsKey(key)) {
                clean = false;
                continue;
            }
            rows.put(key, lines[k]);
        }
        return new Contents(rows, clean);
    }

    /** The key of a well-formed row (one record, the right field count, written as we write it), else null. */
    static RunKey parse(String line, int columns) {
        try (CSVParser p = CSVParser.parse(new StringReader(line), FORMAT)) {
            List<CSVRecord> records = p.getRecords();
            if (records.size() != 1 || records.get(0).size() != columns) {
                return null;
            }
            CSVRecord r = records.get(0);
            if (!line(r.toList()).equals(line)) {
                return null;
            }
            return new RunKey(Integer.parseInt(r.get(0)), Long.parseLong(r.get(1)));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The field {@code index} of a row written by {@link #line}. */
    public static String field(String line, int index) {
        try (CSVParser p = CSVParser.parse(new StringReader(line), FORMAT)) {
            return p.getRecords().get(0).get(index);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the file, atomically, by the header and the rows in key order. */
    public static void writeSorted(Path file, String header, Map<RunKey, String> rows) throws IOException {
        StringBuilder b = new StringBuilder(header).append('\n');
        new TreeMap<>(rows).values().forEach(l -> b.append(l).append('\n'));
        AtomicFiles.writeString(file, b.toString());
    }

    /** Appends rows, each as one write of a complete line, forced to disk before returning. */
    public static final class Appender implements Closeable {

        private final FileChannel channel;

        public Appender(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        public synchronized void append(String line) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
