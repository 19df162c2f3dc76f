package org.repcollapse.plot.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.plot.ChartData;
import org.repcollapse.plot.FigureFiles;

/**
 * Figure 10 draws from models/linear-ssl.yaml (not part of the committed set until registered in
 * {@link PaperFigures}): all eight modes of the SimSiam and BYOL runs end on the side of the collapse boundary
 * the mode flow predicts, the runs over eta reach p*_+ to 1e-6 (learned and DirectPred), and the four files
 * are written.
 */
class Figure10LinearSslTest {

    @Test
    void drawsWithItsChecks(@TempDir Path dir) throws Exception {
        Figure10LinearSsl f = new Figure10LinearSsl();
        try (FigureContext ctx = new FigureContext(Path.of("models"), false, List.of(), 2, null)) {
            ctx.begin(f.name());
            JFreeChart chart = f.render(ctx);
            Map<String, Double> m = ctx.measurements(f.name());
            assertEquals(8.0, m.get("modes_ending_as_predicted"));
            assertTrue(m.get("p_plus_max_abs_error") < 1e-6, "p*+ error " + m.get("p_plus_max_abs_error"));
            FigureFiles.write(chart, dir.resolve(f.name()), f.width(), f.height(), FigureFiles.DEFAULT_SCALE);
            ChartData.write(chart, dir.resolve(f.name()), ChartData::role);
        }
        for (String ext : new String[] {"png", "svg", "pdf", "csv"}) {
            assertTrue(Files.size(dir.resolve(f.name() + "." + ext)) > 0, ext);
        }
        String csv = Files.readString(dir.resolve(f.name() + ".csv"));
        assertTrue(csv.contains("collapse boundary"), "the boundary is in the data");
    }
}
