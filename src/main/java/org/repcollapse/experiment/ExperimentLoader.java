package org.repcollapse.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads an experiment file: YAML merged key by key over {@code defaults.yaml} (a key the
 * defaults do not have is an error), {@code --set key.path=value} overrides applied (the value
 * read as YAML), then bound strictly (no string-to-number or float-to-int coercion) and
 * validated by {@link ExperimentValidator}. Every failure is an {@link ExperimentException}
 * with one line naming the key and value.
 */
public final class ExperimentLoader {

    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder().build());
    private static final ObjectMapper BINDER = strictBinder();

    private ExperimentLoader() {
    }

    private static ObjectMapper strictBinder() {
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m;
    }

    /** The defaults, as a tree (a fresh copy). */
    public static ObjectNode defaults() {
        try (InputStream in = ExperimentLoader.class.getResourceAsStream("defaults.yaml")) {
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("defaults.yaml missing from the jar", e);
        }
    }

    public static Experiment load(Path file, List<String> overrides) {
        return parse(readText(file), file.toString(), stem(file), overrides);
    }

    /** The text of an experiment file, for parsing many variants of it ({@link #parse}); bad files as {@link #load}. */
    public static String read(Path file) {
        return readText(file);
    }

    /** The default experiment name of a file: its name without {@code .yaml} or {@code .yml}. */
    public static String stem(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /** Parses experiment text; {@code source} names it in messages, {@code stem} is the default name. */
    public static Experiment parse(String text, String source, String stem, List<String> overrides) {
        JsonNode user = text.isBlank() ? null : StrictYaml.read(text, source, "");
        if (user == null || user.isMissingNode() || user.isNull()) {
            throw new ExperimentException(source + ": the file is empty");
        }
        if (!user.isObject()) {
            throw new ExperimentException(source + ": expected a mapping of keys at the top level");
        }
        ObjectNode tree = (ObjectNode) user;
        for (String o : overrides) {
            applyOverride(tree, o);
        }
        ObjectNode merged = defaults();
        if (!tree.has("name")) {
            merged.put("name", stem);
        }
        merge(merged, tree, "");
        Experiment ex = bind(merged);
        ExperimentValidator.validate(ex);
        return ex;
    }

    /**
     * The experiment of a resolved tree, as {@code SummaryJson.toJson(experiment)} writes it (read as
     * JSON, so numbers keep their type): keys the defaults do not have (derived properties such as
     * {@code teacherStudent}) are dropped, the rest bound and validated as a file would be.
     */
    public static Experiment resolved(JsonNode tree, String source) {
        if (tree == null || !tree.isObject()) {
            throw new ExperimentException(source + ": expected a mapping of keys at the top level");
        }
        ObjectNode merged = defaults();
        ObjectNode known = tree.deepCopy();
        prune(known, merged);
        merge(merged, known, "");
        Experiment ex = bind(merged);
        ExperimentValidator.validate(ex);
        return ex;
    }

    private static void prune(ObjectNode tree, JsonNode shape) {
        List<String> drop = new java.util.ArrayList<>();
        tree.fieldNames().forEachRemaining(n -> {
            if (!shape.has(n)) {
                drop.add(n);
            } else if (shape.get(n).isObject() && tree.get(n).isObject()) {
                prune((ObjectNode) tree.get(n), shape.get(n));
            }
        });
        tree.remove(drop);
    }

    private static String readText(Path file) {
        if (Files.isDirectory(file)) {
            throw new ExperimentException(file + ": is a directory, not an experiment file");
        }
        if (!Files.exists(file)) {
            throw new ExperimentException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ExperimentException(file + ": not a regular file");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > 1 << 20) {
                throw new ExperimentException(file + ": larger than 1 MiB, not an experiment file");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ExperimentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ExperimentException(file + ": not UTF-8 text");
        }
    }

    /** Applies {@code key.path=value} to the user tree. */
    static void applyOverride(ObjectNode tree, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ExperimentException("--set " + assignment + ": expected key.path=value");
        }
        String path = assignment.substring(0, eq).trim();
        String raw = assignment.substring(eq + 1);
        if (!path.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new ExperimentException("--set " + assignment + ": expected key.path=value");
        }
        JsonNode value = raw.isBlank() ? null : StrictYaml.read(raw, "--set " + path, path);
        if (value == null || value.isMissingNode()) {
            throw ExperimentException.of(path, raw, "empty value");
        }
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int k = 0; k < parts.length - 1; k++) {
            JsonNode child = node.get(parts[k]);
            if (child == null || !child.isObject()) {
                child = node.putObject(parts[k]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    private static void merge(ObjectNode target, JsonNode user, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> it = user.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = prefix + f.getKey();
            JsonNode def = target.get(f.getKey());
            if (def == null) {
                throw new ExperimentException("unknown key '" + key + "'" + suggestion(target));
            }
            if (def.isObject()) {
                if (!f.getValue().isObject()) {
                    throw ExperimentException.of(key, f.getValue(), "expected a mapping with keys " + keys(def));
                }
                merge((ObjectNode) def, f.getValue(), key + ".");
            } else {
                target.set(f.getKey(), f.getValue());
            }
        }
    }

    private static String keys(JsonNode node) {
        StringBuilder b = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> b.append(b.length() == 0 ? "" : ", ").append(n));
        return b.toString();
    }

    private static String suggestion(JsonNode level) {
        return " (known here: " + keys(level) + ")";
    }

    private static Experiment bind(ObjectNode merged) {
        try {
            return BINDER.treeToValue(merged, Experiment.class);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : e.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            JsonNode value = merged.at("/" + path.toString().replace('.', '/').replaceAll("\\[(\\d+)]", "/$1"));
            throw ExperimentException.of(path.toString(), value.isMissingNode() ? "?" : value,
                    "wrong type (" + expected(e) + ")");
        } catch (JsonProcessingException e) {
            throw new ExperimentException("experiment: " + e.getOriginalMessage());
        }
    }

    private static String expected(JsonMappingException e) {
        String m = e.getOriginalMessage();
        if (m.contains("out of range")) {
            return "out of range of " + (m.contains("of long") ? "a 64-bit" : "a 32-bit") + " whole number";
        }
        Class<?> target = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi
                ? mi.getTargetType() : null;
        if (target == String.class) {
            return "expected text";
        }
        if (target != null && java.util.List.class.isAssignableFrom(target)) {
            return "expected a list";
        }
        if (m.contains("int") || m.contains("Integer") || m.contains("long")) {
            return "expected a whole number";
        }
        if (m.contains("double") || m.contains("Double")) {
            return "expected a number";
        }
        if (m.contains("boolean") || m.contains("Boolean")) {
            return "expected true or false";
        }
        if (m.contains("String")) {
            return "expected text";
        }
        if (m.contains("List") || m.contains("array")) {
            return "expected a list";
        }
        return "unexpected value";
    }
}
