package org.repcollapse.plot.paper;

import java.util.List;

/** The paper's figure set (spec section 7), in order. */
public final class PaperFigures {

    private PaperFigures() {
    }

    public static List<PaperFigure> all() {
        return List.of(new Figure1TwoTimeScales(), new Figure2SlowRate(), new Figure3ClusterCollapse(),
                new Figure4HeadStopGradient(), new Figure5HeadEigenvalue(), new Figure6StationarySeparation(),
                new Figure7TeacherStudent(), new Figure8ReducedVsFull(), new Figure9Prevention(),
                new Figure9PreventionPhi(), new Figure10LinearSsl(), new Figure11Bifurcation(), new Figure12Basins());
    }
}
