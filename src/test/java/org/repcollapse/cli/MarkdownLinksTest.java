package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown (README.md, papers/, figures/, bench/) points at
 * a file or folder of the repository: nothing outside it (a clone has only the repository), nothing
 * missing. Web links are not fetched.
 */
class MarkdownLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void noDeadRelativeLinks() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
        for (String dir : List.of("papers", "figures", "bench")) {
            if (Files.isDirectory(root.resolve(dir))) {
                try (Stream<Path> s = Files.list(root.resolve(dir))) {
                    s.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
                }
            }
        }
        List<String> dead = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue;
                }
                String file = target.replaceFirst("#.*$", "");
                Path resolved = doc.getParent().resolve(file).normalize();
                checked++;
                if (!resolved.startsWith(root) || !Files.exists(resolved)) {
                    dead.add(root.relativize(doc) + ": " + target);
                }
            }
        }
        assertTrue(checked > 5, "links checked: " + checked);
        assertEquals(List.of(), dead, "dead links");
    }
}
