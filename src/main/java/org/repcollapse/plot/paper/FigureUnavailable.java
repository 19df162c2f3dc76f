package org.repcollapse.plot.paper;

/** A figure cannot be drawn because a model or solver it needs is not available: it is skipped. */
public final class FigureUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FigureUnavailable(String reason) {
        super(reason);
    }
}
