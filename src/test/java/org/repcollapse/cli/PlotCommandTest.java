package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.plot.sweep.SeedStatistics;
import org.repcollapse.plot.sweep.SweepAggregate;
import org.repcollapse.plot.sweep.SweepChart;
import org.repcollapse.plot.sweep.SweepTable;

/**
 * {@code plot} on a small generated sweep (N = 20, tEnd = 40, 2 x 2 points, 3 seeds): the
 * aggregated mean and sd per point against a computation from the raw sweep.csv written here
 * (plain sums, two-pass variance: another route than Hipparchus' StatUtils, agreeing to
 * rounding, so relative 1e-12); the 95 % half-width against Student's t quantile for 2 degrees
 * of freedom (its closed form (2p - 1)/sqrt(2p(1 - p)) = 4.3027); the PDF a one-page PDF; the CSV equal to the
 * series the chart holds; bad inputs refused with exit 2, one line, nothing written.
 */
class PlotCommandTest {

    static final String EXPERIMENT = String.join("\n",
            "name: small", "classes: 2", "samples: 20", "dim: 4",
            "frustration: {fraction: 0.1, pairing: random}",
            "integrator: {tEnd: 40}", "record: {points: 30, spacing: log, tStart: 0.1}", "seed: 7", "");

    /** Student's t quantile for 2 degrees of freedom in closed form, t_p = (2p - 1) / sqrt(2p(1 - p)), p = 0.975. */
    static final double T_975_DF2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);

    @TempDir
    static Path shared;
    static Path sweep;

    @BeforeAll
    static void sweep() throws IOException {
        Path file = shared.resolve("small.yaml");
        Files.writeString(file, EXPERIMENT);
        sweep = shared.resolve("sweep");
        CliHarness.Result r = CliHarness.run("sweep", file.toString(), "--out", sweep.toString(),
                "--param", "frustration.fraction=0.1,0.3", "--param", "dim=2,4", "--seeds", "3", "--threads", "2");
        assertEquals(ExitCodes.OK, r.status(), r.err());
    }

    static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(header.length, f.length, line);
            Map<String, String> row = new HashMap<>();
            for (int k = 0; k < header.length; k++) {
                row.put(header[k], f[k]);
            }
            rows.add(row);
        }
        return rows;
    }

    static double rel(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
    }

    @Test
    void meanAndSdPerPointAgreeWithAnIndependentComputation() throws IOException {
        Path out = shared.resolve("mean/plot");
        CliHarness.Result r = CliHarness.run("plot", sweep.toString(), "--x", "frustration.fraction",
                "--series", "dim", "--y", "slow_fitted", "--y", "min_label_distance", "--error", "ci95",
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        List<Map<String, String>> raw = csv(sweep.resolve("sweep.csv"));
        List<Map<String, String>> agg = csv(shared.resolve("mean/plot.csv"));
        assertEquals(2 * 2 * 2, agg.size(), "2 columns x 2 dims x 2 fractions");
        for (Map<String, String> a : agg) {
            String column = a.get("column");
            List<Double> v = new ArrayList<>();
            for (Map<String, String> row : raw) {
                if (row.get("dim").equals(a.get("dim"))
                        && row.get("frustration.fraction").equals(a.get("frustration.fraction"))) {
                    v.add(Double.parseDouble(row.get(column)));
                }
            }
            assertEquals(3, v.size());
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            double mean = sum / v.size();
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            double sd = Math.sqrt(ss / (v.size() - 1));
            assertEquals("3", a.get("n"));
            assertTrue(rel(Double.parseDouble(a.get("mean")), mean) < 1e-12, a + " mean " + mean);
            assertTrue(sd > 0, "seeds differ, so the test can see a wrong sd");
            assertTrue(rel(Double.parseDouble(a.get("sd")), sd) < 1e-12, a + " sd " + sd);
            double ci = T_975_DF2 * sd / Math.sqrt(3);
            assertTrue(rel(Double.parseDouble(a.get("ci95")), ci) < 1e-9, a + " ci95 " + ci);
            assertEquals(a.get("ci95"), a.get("error"), "--error ci95 draws the 95 % half-width");
            if (column.equals("slow_fitted")) {
                assertEquals("theory_slow_rate", a.get("theory_column"));
                assertTrue(rel(Double.parseDouble(a.get("theory")), mean) < 0.05, "theory beside the fit: " + a);
            } else {
                assertEquals("", a.get("theory"), "no theory for min_label_distance");
            }
        }
    }

    @Test
    void pdfIsOnePageAndEveryFormatIsWritten() throws IOException {
        Path out = shared.resolve("pdf/fig");
        CliHarness.Result r = CliHarness.run("plot", sweep.toString(), "--x", "frustration.fraction",
                "--where", "dim=4", "--log", "xy", "--out", out.toString() + ".png", "--dpi", "96");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        byte[] pdf = Files.readAllBytes(shared.resolve("pdf/fig.pdf"));
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-"), "PDF header");
        assertTrue(text.stripTrailing().endsWith("%%EOF"), "PDF trailer");
        assertTrue(text.contains("/CreationDate (D:20000101000000"), "a fixed date: the same chart, the same bytes");
        Matcher pages = Pattern.compile("/Type\\s*/Page(?!s)").matcher(text);
        int n = 0;
        while (pages.find()) {
            n++;
        }
        assertEquals(1, n, "one page");
        Matcher count = Pattern.compile("/Type\\s*/Pages[^>]*?/Count\\s+(\\d+)", Pattern.DOTALL).matcher(text);
        assertTrue(count.find());
        assertEquals("1", count.group(1), "the page tree counts one page");
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(shared.resolve("pdf/fig.png").toFile());
        assertEquals(900, png.getWidth(), "--dpi 96 is the layout size");
        assertTrue(Files.readString(shared.resolve("pdf/fig.svg")).contains("<svg"));
    }

    @Test
    void csvHoldsExactlyTheSeriesOfTheFigure() throws IOException {
        Path out = shared.resolve("agree/fig");
        CliHarness.Result r = CliHarness.run("plot", sweep.toString(), "--x", "frustration.fraction",
                "--series", "dim", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        List<Map<String, String>> written = csv(shared.resolve("agree/fig.csv"));
        SweepTable table = SweepTable.read(sweep);
        List<SweepAggregate.Point> points = SweepAggregate.lines(table, "frustration.fraction", "dim",
                List.of("slow_fitted"), Map.of());
        XYPlot plot = SweepChart.draw(points, "frustration.fraction", "dim", List.of("slow_fitted"), false, false,
                SeedStatistics.ErrorBar.SD, "t", "s").chart().getXYPlot();
        YIntervalSeriesCollection sim = (YIntervalSeriesCollection) plot.getDataset(1);
        XYDataset theory = plot.getDataset(0);
        assertEquals(2, sim.getSeriesCount(), "one line per dim");
        assertEquals(2, theory.getSeriesCount(), "one theory line per dim");
        int k = 0;
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < sim.getItemCount(s); i++, k++) {
                Map<String, String> row = written.get(k);
                double mean = Double.parseDouble(row.get("mean"));
                double err = Double.parseDouble(row.get("error"));
                assertEquals(Double.parseDouble(row.get("frustration.fraction")), sim.getXValue(s, i), 0.0);
                assertEquals(mean, sim.getYValue(s, i), 0.0, "drawn mean = CSV mean, exactly");
                assertEquals(mean - err, sim.getStartYValue(s, i), 0.0);
                assertEquals(mean + err, sim.getEndYValue(s, i), 0.0);
                assertEquals(Double.parseDouble(row.get("theory")), theory.getYValue(s, i), 0.0);
            }
        }
        assertEquals(written.size(), k, "no CSV row undrawn");
    }

    @Test
    void phaseDiagramHasOneCellPerPointAndTheModalCategory() throws IOException {
        Path out = shared.resolve("phase/fig");
        CliHarness.Result r = CliHarness.run("plot", sweep.toString(), "--x", "frustration.fraction",
                "--heatmap", "collapse", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        List<Map<String, String>> cells = csv(shared.resolve("phase/fig.csv"));
        assertEquals(4, cells.size());
        List<Map<String, String>> raw = csv(sweep.resolve("sweep.csv"));
        for (Map<String, String> c : cells) {
            Map<String, Integer> counts = new HashMap<>();
            raw.stream().filter(row -> row.get("dim").equals(c.get("dim"))
                    && row.get("frustration.fraction").equals(c.get("frustration.fraction")))
                    .forEach(row -> counts.merge(row.get("collapse"), 1, Integer::sum));
            int most = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertEquals(most, counts.get(c.get("category")), "the drawn category is a most frequent one: " + c);
            assertTrue(!c.get("theory_collapse").isEmpty(), "the embedding-only theory predicts a type");
        }
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void badInputsExitTwoWithOneLineAndWriteNothing() throws IOException {
        List<Path> before = files(shared);
        String dir = sweep.toString();
        String[][] bad = {
            {"plot", dir, "--x", "frustration.fraction", "--where", "dim=4", "--y", "no_such_column"},
            {"plot", dir, "--x", "samples", "--where", "dim=4"},
            {"plot", dir, "--x", "frustration.fraction", "--series", "classes"},
            {"plot", dir, "--x", "frustration.fraction"},
            {"plot", dir, "--x", "frustration.fraction", "--where", "dim=4", "--y", "collapse"},
            {"plot", dir, "--x", "frustration.fraction", "--heatmap", "no_such_column"},
            {"plot", dir, "--x", "frustration.fraction", "--where", "dim=3"},
            {"plot", dir, "--x", "frustration.fraction", "--where", "dim=4", "--error", "iqr"},
            {"plot", shared.resolve("missing").toString(), "--x", "frustration.fraction"},
        };
        for (String[] args : bad) {
            CliHarness.Result r = CliHarness.run(args);
            assertEquals(ExitCodes.BAD_INPUT, r.status(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertEquals("", r.out());
        }
        assertEquals(before, files(shared), "nothing written");
    }
}
