package org.repcollapse.plot.paper;

import java.util.HashMap;
import java.util.Map;

import org.repcollapse.experiment.ResourceText;

/**
 * The captions of the paper's figure set, all in one text resource, {@code captions.txt}: a line
 * {@code [name]} opens a figure's caption, whose lines (up to a blank line) are joined with one space.
 */
final class FigureCaptions {

    private static final Map<String, String> CAPTIONS = load();

    private FigureCaptions() {
    }

    /** The caption of the figure {@code name}. */
    static String of(String name) {
        String caption = CAPTIONS.get(name);
        if (caption == null) {
            throw new IllegalStateException("captions.txt has no caption for " + name);
        }
        return caption;
    }

    private static Map<String, String> load() {
        String text = ResourceText.read(FigureCaptions.class, "captions.txt");
        Map<String, String> captions = new HashMap<>();
        String name = null;
        StringBuilder caption = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("[") && line.endsWith("]")) {
                name = line.substring(1, line.length() - 1);
                caption.setLength(0);
            } else if (!line.isEmpty() && name != null) {
                caption.append(caption.length() == 0 ? "" : " ").append(line);
                captions.put(name, caption.toString());
            }
        }
        return captions;
    }
}
