package org.repcollapse.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

/**
 * Log axes carry at least three labelled ticks whatever their range (counted on the ticks
 * JFreeChart itself lays out, not on our step formula), and labels render scripts.
 */
class AxesTest {

    @Test
    void everyLogAxisHasAtLeastThreeLabelledTicks() {
        double[][] ranges = {{0.05, 0.4}, {0.9, 1.1}, {1e-3, 1e3}, {3e-3, 1.5}, {1, 1e12}, {0.2, 0.5}, {1e-9, 2e-9},
            {0.0451, 0.443}, {0.99, 1.01}, {3, 30}};
        BufferedImage image = new BufferedImage(900, 640, BufferedImage.TYPE_INT_RGB);
        for (double[] r : ranges) {
            LogAxis a = Axes.log("λ_s", r[0], r[1]);
            List<?> ticks = a.refreshTicks(image.createGraphics(), new org.jfree.chart.axis.AxisState(),
                    new java.awt.Rectangle(0, 0, 800, 500), RectangleEdge.BOTTOM);
            long labelled = ticks.stream().filter(t -> t instanceof LogTick v && text(v).length() > 0
                    && v.getValue() >= r[0] * (1 - 1e-12) && v.getValue() <= r[1] * (1 + 1e-12)).count();
            assertTrue(labelled >= Axes.MIN_LOG_TICKS, r[0] + ".." + r[1] + ": " + labelled + " labelled ticks "
                    + ticks.stream().map(t -> ((ValueTick) t).getValue() + "=" + text((LogTick) t)).toList());
        }
    }

    static String text(LogTick t) {
        if (t.getAttributedLabel() == null) {
            return "";
        }
        java.text.AttributedCharacterIterator it = t.getAttributedLabel().getIterator();
        StringBuilder b = new StringBuilder();
        for (char c = it.first(); c != java.text.CharacterIterator.DONE; c = it.next()) {
            b.append(c);
        }
        return b.toString();
    }

    @Test
    void narrowLogRangesAreLabelledAtOneTwoFive() {
        assertEquals(List.of(0.05, 0.1, 0.2), Axes.niceLogTicks(0.0451, 0.443));
        assertEquals(List.of(0.2, 0.3, 0.5), Axes.niceLogTicks(0.2, 0.5));
        assertTrue(Axes.niceLogTicks(1e-3, 1e3).isEmpty(), "wide ranges keep decade ticks");
    }

    @Test
    void tickLabelsAreShortAndPowersOfTenUseSuperscripts() {
        assertEquals("0.1", Axes.tick(0.1));
        assertEquals("3.16", Axes.tick(Math.sqrt(10)));
        assertEquals("10⁻⁵", Axes.tick(1e-5));
        assertEquals("2.5×10⁶", Axes.tick(2.5e6));
    }

    @Test
    void scriptsBecomeUnicodeInPlainText() {
        assertEquals("λₛ", MathText.plain("λ_s"));
        assertEquals("√τₖ", MathText.plain("√τ_k"));
        assertEquals("t_end", MathText.plain("t_{end}"), "no subscript d in Unicode: kept as markup");
        assertEquals("e⁻²", MathText.plain("e^{-2}"));
        assertEquals("λf", MathText.plain("λ_f"), "no subscript f in Unicode: inline");
        assertEquals("x_{ab}".length() - 3, MathText.attributed("x_{ab}", Axes.LABEL).getIterator().getEndIndex());
    }
}
