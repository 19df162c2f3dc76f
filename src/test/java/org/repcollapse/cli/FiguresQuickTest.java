package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.plot.paper.PaperFigure;
import org.repcollapse.plot.paper.PaperFigures;

/**
 * Smoke test of {@code figures --quick}: every figure that is available is written as a valid
 * PNG, SVG and PDF with its tidy CSV (simulation rows present) and listed in README.md, and each figure's own check of the simulation against
 * the theory holds (read back from the README, where the command records it).
 */
class FiguresQuickTest {

    @TempDir
    static Path out;

    static String readme;
    static final Map<String, Map<String, Double>> CHECKS = new HashMap<>();

    @BeforeAll
    static void runQuick() throws IOException {
        int status = Main.commandLine().execute("figures", "--quick", "--no-progress", "--threads", "2",
                "--out", out.toString());
        assertEquals(ExitCodes.OK, status);
        readme = Files.readString(out.resolve("README.md"));
        String figure = null;
        Pattern heading = Pattern.compile("^## \\d+\\. `([^`]+)`");
        Pattern check = Pattern.compile("^- `([^`]+)` = (\\S+)");
        for (String line : readme.split("\n")) {
            Matcher h = heading.matcher(line);
            Matcher c = check.matcher(line);
            if (h.find()) {
                figure = h.group(1);
                CHECKS.put(figure, new HashMap<>());
            } else if (c.find() && figure != null) {
                CHECKS.get(figure).put(c.group(1), Double.parseDouble(c.group(2)));
            }
        }
    }

    private static double check(String figure, String key) {
        Double v = CHECKS.getOrDefault(figure, Map.of()).get(key);
        assertTrue(v != null, figure + " records no check " + key);
        return v;
    }

    @Test
    void everyFigureIsDrawnAsAValidPngAndSvg() throws IOException {
        byte[] pngMagic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        int drawn = 0;
        for (PaperFigure f : PaperFigures.all()) {
            assertTrue(readme.contains("`" + f.name() + "`"), "README lists " + f.name());
            Path png = out.resolve(f.name() + ".png");
            assertTrue(Files.exists(png), f.name() + " was not drawn: every figure is demanded");
            drawn++;
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
            assertTrue(java.util.Arrays.equals(pngMagic, head), f.name() + ".png has the PNG signature");
            String svg = Files.readString(out.resolve(f.name() + ".svg"), StandardCharsets.UTF_8);
            assertTrue(svg.contains("<svg") && svg.trim().endsWith("</svg>"), f.name() + ".svg is a whole SVG document");
            byte[] pdf = Files.readAllBytes(out.resolve(f.name() + ".pdf"));
            assertTrue(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"), f.name() + ".pdf header");
            java.util.List<String> csv = Files.readAllLines(out.resolve(f.name() + ".csv"), StandardCharsets.UTF_8);
            assertEquals("panel,role,series,x_axis,y_axis,x,y,y_low,y_high", csv.get(0), f.name() + ".csv header");
            assertTrue(csv.stream().anyMatch(l -> l.contains(",simulation,")), f.name() + ".csv has the simulation");
        }
        assertEquals(PaperFigures.all().size(), drawn, "every figure drawn");
        assertTrue(!readme.contains("**Skipped:**"), "no figure skipped");
    }

    @Test
    void oneThreadDrawsTheSameBytesAsTwo(@TempDir Path single) throws IOException {
        // each run is seeded by its own experiment and charts are drawn after all runs finish,
        // so the pool size must not change a single byte of a sweep figure
        int status = Main.commandLine().execute("figures", "--quick", "--no-progress", "--threads", "1",
                "--only", "fig2-slow-rate", "--out", single.toString());
        assertEquals(ExitCodes.OK, status);
        for (String ext : new String[] {".png", ".svg"}) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(out.resolve("fig2-slow-rate" + ext)),
                    Files.readAllBytes(single.resolve("fig2-slow-rate" + ext))), "fig2-slow-rate" + ext);
        }
    }

    @Test
    void badInputWritesNothing(@TempDir Path empty) throws IOException {
        // a models directory without the required files is bad input: exit 2, no file written
        Path target = empty.resolve("figs");
        int status = Main.commandLine().execute("figures", "--quick", "--no-progress", "--models",
                empty.toString(), "--out", target.toString());
        assertEquals(ExitCodes.BAD_INPUT, status);
        assertTrue(!Files.exists(target), "nothing written on bad input");
    }

    @Test
    void figure1SeparationFollowsTheExactSolution() {
        // exact solution exp(-Qt) against dop853 at rtol 1e-8, compared down to 1e-9 of the initial
        // separation: the global error there is a few rtol relative to the largest state entry,
        // i.e. ~1e-7 relative to the smallest compared value; 1e-4 leaves room yet fails on any wrong rate
        assertTrue(check("fig1-two-time-scales", "frustrated_separation_max_rel_error_vs_exact") < 1e-4);
        assertTrue(check("fig1-two-time-scales", "clean_separation_max_rel_error_vs_exact") < 1e-4);
    }

    @Test
    void figure2FittedSlowRatesLieOnTheClosedForm() {
        // the brief's tolerance: 1 %; the fit window sits after the fast modes died (they decay
        // e^{-10} faster or more), so the fitted rate is exact to ~1e-6 in practice
        assertTrue(check("fig2-slow-rate", "slow_rate_max_rel_error") < 0.01);
    }

    @Test
    void figure3HasTwoClustersAtThePredictedDistance() {
        assertEquals(2.0, check("fig3-cluster-collapse", "predicted_clusters"));
        // the cross-cluster distance converges exponentially to the conserved-mean prediction;
        // by t = 1000 the remainder is e^{-95}, so only integration error (~rtol) is left
        assertTrue(check("fig3-cluster-collapse", "cross_cluster_distance_max_rel_error") < 1e-6);
        // within a cluster the distance decays at the two-class slow rate (R3); 1 % as in figure 2
        assertTrue(check("fig3-cluster-collapse", "within_cluster_rate_max_rel_error") < 0.01);
    }

    @Test
    void figure4StopGradientKeepsSeparationAndCarriesSqrtOneMinusR() {
        // without sg the separation decays like e^{-lambda t} to the tolerance floor by t = 1000
        assertTrue(check("fig4-head-stop-gradient", "no_sg_final_separation_relative") < 1e-6);
        assertTrue(check("fig4-head-stop-gradient", "sg_final_separation_relative") > 0.1);
        // the fixed point is reached to ~rtol; 1e-4 absolute on an O(1) eigenvalue
        assertTrue(check("fig4-head-stop-gradient", "sg_head_eigenvalue_abs_error_vs_sqrt_1_minus_r") < 1e-4);
    }

    @Test
    void figure5HeadEigenvaluesAreSqrtTau() {
        // the slowest approach (phi = 1, tau_1 = 0) leaves ~1e-5 at t = 1000; 1e-3 still separates
        // sqrt(tau) from tau (they differ by > 0.1 on this grid)
        assertTrue(check("fig5-head-eigenvalue", "separation_mode_max_abs_error_vs_sqrt_tau1") < 1e-3);
        assertTrue(check("fig5-head-eigenvalue", "mean_mode_max_abs_error_vs_sqrt_tau0") < 1e-3);
    }

    @Test
    void figure6OnlyStopGradientKeepsAFiniteSeparation() {
        // every frustrated no-sg run collapses to the tolerance floor; every sg run keeps a finite
        // fraction of its initial separation (R6)
        assertTrue(check("fig6-stationary-separation", "no_sg_max_relative_separation_phi_gt_0") < 1e-6);
        assertTrue(check("fig6-stationary-separation", "sg_min_relative_separation_phi_gt_0") > 0.1);
    }

    /**
     * A figure that cannot be drawn makes {@code figures} exit non-zero, naming it (before, any
     * exception in figures 7 and 8 became "skipped" and the exit status 0). Here figure 8 is given a
     * teacher-student model under the name head-sg.yaml: its reduced-solver run is refused.
     */
    @Test
    void aFigureThatFailsGivesExitThree(@TempDir Path tmp) throws IOException {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.copy(Path.of("models", "ts-flip-sg.yaml"), models.resolve("head-sg.yaml"));
        CliHarness.Result r = CliHarness.run("figures", "--quick", "--no-progress", "--only", "fig8-reduced-vs-full",
                "--models", models.toString(), "--out", tmp.resolve("figs").toString());
        assertEquals(ExitCodes.NUMERICAL_FAILURE, r.status(), r.err());
        assertTrue(r.err().contains("1 of 1 figures not drawn: fig8-reduced-vs-full"), r.err());
    }

    @Test
    void figures7And8() {
        // R9: head + stop-gradient keeps a finite separation
        assertTrue(check("fig7-teacher-student", "ts-flip-sg_final_separation_relative") > 0.1);
        // the overlay is the teacher-student model's own slow rate: it must describe the duplicate run
        // (the exact prediction of the fit: 1 % leaves room for the quick mode's short window)
        assertTrue(check("fig7-teacher-student", "duplicate_slow_rate_rel_error") < 0.01, "fitted vs teacher-student slow rate");
        // R8: two different ODE systems for the same trajectory, each integrated to rtol 1e-8
        // with its own adaptive steps: they agree to the global error, far below 1e-4
        assertTrue(check("fig8-reduced-vs-full", "max_rel_difference") < 1e-4);
    }

    /**
     * Figure 11: the continued separated branch carries sqrt(tau_1) (R5) to the corrector's tolerance
     * (1e-8 absolute leaves room over the 1e-10 residual); the seeded mean-field runs reach the same head
     * eigenvalue at t = 1000 (rtol 1e-10: 1e-6); the collapsed branch's exchange of stability is at the
     * closed form (1 - p^2)/(1 + p^2) (bisection to 1e-10 of the step plus the undecided band: 1e-6); runs
     * escaping it end on sqrt(tau_1), runs above it stay collapsed; runs from the perturbed separated branch
     * return to it within the perturbation (1e-3 of the state's scale, ~2: 1e-2).
     */
    @Test
    void figure11BranchesAgainstClosedFormsAndRuns() {
        assertTrue(check("fig11-bifurcation", "branch_head_max_abs_error_vs_sqrt_tau1") < 1e-8);
        assertTrue(check("fig11-bifurcation", "seeded_mean_field_runs_head_max_abs_difference_vs_continued") < 1e-6);
        assertTrue(check("fig11-bifurcation", "exchange_of_stability_abs_difference") < 1e-6);
        assertTrue(check("fig11-bifurcation", "escaped_runs_head_max_abs_error_vs_sqrt_tau1") < 1e-6);
        assertTrue(check("fig11-bifurcation", "stable_collapsed_runs_max_final_separation") < 1e-8);
        assertTrue(check("fig11-bifurcation", "perturbed_runs_separation_max_abs_difference_vs_continued") < 1e-2);
        assertTrue(check("fig11-bifurcation", "perturbed_runs_head_max_abs_difference_vs_continued") < 1e-6);
    }

    /**
     * Figure 12: without stop-gradient every cell has the embedding-only outcome (R6: none at phi = 0,
     * complete for phi > 0); with it both basins appear on the grid (collapse for the slowest head, none
     * for the fastest), and the separated cells carry sqrt(tau_1) (t = 1000 leaves the cells next to the
     * basin boundary a slow approach: 1e-2).
     */
    @Test
    void figure12BasinsWithAndWithoutStopGradient() {
        double runs = check("fig12-basins", "runs");
        assertEquals(runs / 2, check("fig12-basins", "no_sg_cells_agreeing_with_theory"));
        assertTrue(check("fig12-basins", "sg_none_cells") > 0);
        assertTrue(check("fig12-basins", "sg_complete_cells") > 0);
        assertTrue(check("fig12-basins", "sg_separated_cells_head_max_abs_error_vs_sqrt_tau1") < 1e-2);
    }
}
