package org.repcollapse.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A UTF-8 text file shipped in the jar next to a class (figure captions, the sweep column dictionary). */
public final class ResourceText {

    private ResourceText() {
    }

    /** The resource {@code name} next to {@code owner}; a missing one is a packaging bug. */
    public static String read(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar (next to " + owner.getName() + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
