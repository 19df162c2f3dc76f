package org.repcollapse.experiment;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jfree.chart.JFreeChart;

/**
 * What a model with its own analysis ({@link Model#ownFixedPoints}, {@link Model#ownBranch}, {@link Model#ownBasins})
 * hands to {@code fixed-points}, {@code continue} or {@code basins}: the JSON summary, the text lines for stdout,
 * a verdict ({@code stable}, {@code unstable}, {@code marginal}, {@code not_converged}, or {@code done} /
 * {@code failed} for a branch or a map), and for a table the header, the rows and the figure (null where none).
 */
public record ModelReport(Map<String, Object> json, List<String> lines, String verdict, List<String> header,
                          List<List<String>> rows, Supplier<JFreeChart> figure) {
}
