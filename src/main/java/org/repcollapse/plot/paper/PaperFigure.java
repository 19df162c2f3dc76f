package org.repcollapse.plot.paper;

import java.util.List;

import org.jfree.chart.JFreeChart;

/**
 * One figure of the paper's set (spec section 7): the experiment files it reads from
 * {@code models/}, its caption, and how it is drawn (simulation with the theory over it).
 */
public interface PaperFigure {

    /** File base name, e.g. {@code fig1-two-time-scales}. */
    String name();

    /** One-paragraph caption for {@code figures/README.md}. */
    String caption();

    /** Experiment files in {@code models/} this figure reads. */
    List<String> inputs();

    /**
     * Whether a missing input file means the figure cannot be drawn yet (skipped with a
     * message) rather than bad input.
     */
    default boolean optional() {
        return false;
    }

    /**
     * Runs what the figure needs and draws it; records its checks with
     * {@link FigureContext#measure}.
     *
     * @throws FigureUnavailable when a model or solver it needs is not built yet
     */
    JFreeChart render(FigureContext ctx);

    /** Pixel size of the figure. */
    default int width() {
        return 900;
    }

    default int height() {
        return 640;
    }
}
