package org.repcollapse.plot.paper;

import java.util.List;

import org.jfree.chart.JFreeChart;

/**
 * One figure of the paper's set (spec section 7): the experiment files it reads from
 * {@code models/}, its caption, and how it is drawn (simulation with the theory over it).
 * A figure states its name and inputs (and height, where it is not the default) once, in its
 * constructor, and implements {@link #render}; its caption is the paragraph under its name in
 * {@code captions.txt} next to this class ({@link FigureCaptions}).
 */
public abstract class PaperFigure {

    private static final int DEFAULT_HEIGHT = 640;

    private final String name;
    private final List<String> inputs;
    private final int height;
    private final String caption;

    /** A figure of the default size. */
    protected PaperFigure(String name, List<String> inputs) {
        this(name, inputs, DEFAULT_HEIGHT);
    }

    /** A figure {@code height} pixels high (layout size). */
    protected PaperFigure(String name, List<String> inputs, int height) {
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.height = height;
        this.caption = FigureCaptions.of(name);
    }

    /** File base name, e.g. {@code fig1-two-time-scales}. */
    public final String name() {
        return name;
    }

    /** One-paragraph caption for {@code figures/README.md}. */
    public final String caption() {
        return caption;
    }

    /** Experiment files in {@code models/} this figure reads. */
    public final List<String> inputs() {
        return inputs;
    }

    /**
     * Whether a missing input file means the figure cannot be drawn yet (skipped with a
     * message) rather than bad input.
     */
    public boolean optional() {
        return false;
    }

    /**
     * Runs what the figure needs and draws it; records its checks with
     * {@link FigureContext#measure}.
     *
     * @throws FigureUnavailable when a model or solver it needs is not built yet
     */
    public abstract JFreeChart render(FigureContext ctx);

    /** Pixel size of the figure. */
    public int width() {
        return 900;
    }

    public final int height() {
        return height;
    }
}
