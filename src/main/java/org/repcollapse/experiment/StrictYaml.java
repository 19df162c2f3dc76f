package org.repcollapse.experiment;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads experiment YAML into a tree, refusing what a plain reader would accept silently or
 * fail on obscurely: a second document, duplicate keys, aliases (so no "billion laughs"
 * expansion), {@code .nan}/{@code .inf} literals and nesting deeper than {@link #MAX_DEPTH}.
 * Every refusal is an {@link ExperimentException} of one line naming the key (its dotted
 * path) or, for a syntax error, the line and column.
 */
final class StrictYaml {

    /** An experiment is two levels deep (plus the pairs list); anything far deeper is not one. */
    static final int MAX_DEPTH = 16;

    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final ObjectMapper MAPPER = new YAMLMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private StrictYaml() {
    }

    /**
     * @param text   the YAML text
     * @param source names the text in messages (the file, or {@code --set key})
     * @param prefix dotted key path the text's root stands for ("" for a whole file)
     * @return the tree, or {@code null} for a text with no document
     */
    static JsonNode read(String text, String source, String prefix) {
        scan(text, source, prefix);
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw failure(e, source, prefix);
        }
    }

    /** One pass over the tokens: every check that needs the key path of the offending value. */
    private static void scan(String text, String source, String prefix) {
        try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
            int roots = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonStreamContext ctx = p.getParsingContext();
                if (t.isStructStart() && ctx.getNestingDepth() > MAX_DEPTH) {
                    throw new ExperimentException(where(source, prefix, ctx.getParent())
                            + "nested deeper than " + MAX_DEPTH + " levels");
                }
                if (p.isCurrentAlias()) {
                    throw new ExperimentException(where(source, prefix, ctx) + "YAML aliases (*" + p.getText()
                            + ") are not supported; write the value out");
                }
                if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                    checkNumber(p, source, prefix);
                }
                boolean root = t.isStructStart() ? ctx.getParent() != null && ctx.getParent().inRoot() : ctx.inRoot();
                if (root && (t.isScalarValue() || t.isStructStart())) {
                    roots++;
                    if (roots > 1) {
                        throw new ExperimentException(source + ": holds more than one YAML document");
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw failure(e, source, prefix);
        } catch (IOException e) {
            throw new ExperimentException(source + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static void checkNumber(JsonParser p, String source, String prefix) throws IOException {
        String literal = p.getText();
        try {
            p.getNumberValue();
        } catch (JsonProcessingException e) {
            String key = key(prefix, p.getParsingContext());
            String why = literal.toLowerCase(java.util.Locale.ROOT).matches("[-+]?\\.(nan|inf)")
                    ? "must be a finite number" : "not a readable number";
            throw key.isEmpty() ? new ExperimentException(source + ": " + literal + ": " + why)
                    : ExperimentException.of(key, literal, why);
        }
    }

    private static String where(String source, String prefix, JsonStreamContext ctx) {
        String key = ctx == null ? prefix : key(prefix, ctx);
        return key.isEmpty() ? source + ": " : key + ": ";
    }

    /** The dotted key path of a parser context, e.g. {@code frustration.pairs[0][1]}. */
    static String key(String prefix, JsonStreamContext ctx) {
        StringBuilder b = new StringBuilder();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                b.insert(0, "." + c.getCurrentName());
            } else if (c.inArray()) {
                b.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String path = prefix + b;
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static ExperimentException failure(JsonProcessingException e, String source, String prefix) {
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (msg.startsWith("Duplicate field")) {
            String field = msg.replaceFirst("^Duplicate field '([^']*)'.*$", "$1").split("\n")[0];
            String key = e.getProcessor() instanceof JsonParser p ? key(prefix, p.getParsingContext()) : prefix;
            String full = key.endsWith(field) ? key : (key.isEmpty() ? field : key + "." + field);
            return new ExperimentException(full + ": duplicate key (each key may appear once)");
        }
        Throwable cause = e.getCause();
        if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
            return new ExperimentException(source + ": not valid YAML at line " + (m.getProblemMark().getLine() + 1)
                    + ", column " + (m.getProblemMark().getColumn() + 1) + " (" + oneLine(m.getProblem()) + ")");
        }
        String first = msg.split("\n")[0].trim();
        return new ExperimentException(source + ": not valid YAML (" + oneLine(first) + ")");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\t", "\\t").replaceAll("\\s+", " ").trim();
    }
}
