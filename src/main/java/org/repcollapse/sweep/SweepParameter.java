package org.repcollapse.sweep;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentException;

/**
 * One swept experiment key and its values, from {@code --param}:
 * <ul>
 * <li>{@code key.path=from:to:count} - count values from {@code from} to {@code to} (both
 *     included), evenly spaced ({@code :lin}, the default unless {@code --log}) or
 *     geometrically ({@code :log}, both ends > 0), e.g. {@code integrator.tEnd=10:1000:3:log}
 *     gives 10, 100, 1000. Values are rounded to 12 significant digits (so the CSV shows 0.04,
 *     not 0.04000000000000001); for a whole-number key (e.g. {@code samples}) to the nearest
 *     whole number, and repeated values are an error.</li>
 * <li>{@code key.path=v1,v2,...} - the listed values, read as YAML (e.g. {@code head=none,linear}).</li>
 * </ul>
 * Each value is kept as the YAML text handed to the experiment loader ({@code --set key=value}),
 * so it is validated exactly like a file value.
 */
public record SweepParameter(String key, List<String> values, Range range) {

    /** A range as given, {@code from:to:count:spacing}: what sweep.json records instead of every value. */
    public record Range(double from, double to, int count, String spacing) {
    }

    /** A listed parameter (no range). */
    public SweepParameter(String key, List<String> values) {
        this(key, values, null);
    }


    /** Most values one parameter may take. */
    public static final int MAX_COUNT = 1_000_000;

    private static final MathContext DIGITS = new MathContext(12);

    public SweepParameter {
        values = List.copyOf(values);
    }

    /**
     * @param spec       the {@code --param} text
     * @param logDefault spacing of a range that names none
     */
    public static SweepParameter parse(String spec, boolean logDefault) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw bad(spec, "expected key.path=from:to:count[:lin|:log] or key.path=v1,v2,...");
        }
        String key = spec.substring(0, eq).trim();
        String rhs = spec.substring(eq + 1).trim();
        Class<?> type = keyType(key, spec);
        String[] parts = rhs.split(":", -1);
        if (parts.length == 3 || parts.length == 4) {
            return range(spec, key, type, parts, logDefault);
        }
        if (parts.length != 1) {
            throw bad(spec, "a range is from:to:count or from:to:count:lin|log");
        }
        List<String> values = new ArrayList<>();
        for (String v : rhs.split(",", -1)) {
            if (v.isBlank()) {
                throw bad(spec, "empty value in the list");
            }
            values.add(v.trim());
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw bad(spec, "a value is listed twice");
        }
        return new SweepParameter(key, values);
    }

    private static SweepParameter range(String spec, String key, Class<?> type, String[] parts, boolean logDefault) {
        if (type != double.class && type != int.class && type != long.class) {
            throw bad(spec, "a range needs a numeric key; list the values instead (v1,v2,...)");
        }
        double from = number(spec, parts[0], "from");
        double to = number(spec, parts[1], "to");
        int count;
        try {
            count = Integer.parseInt(parts[2].trim());
        } catch (NumberFormatException e) {
            throw bad(spec, "count '" + parts[2] + "' is not a whole number");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw bad(spec, "count must lie in 1.." + MAX_COUNT);
        }
        boolean log = logDefault;
        if (parts.length == 4) {
            String s = parts[3].trim().toLowerCase(Locale.ROOT);
            if (!s.equals("log") && !s.equals("lin")) {
                throw bad(spec, "spacing '" + parts[3] + "' is neither lin nor log");
            }
            log = s.equals("log");
        }
        if (log && (from <= 0 || to <= 0)) {
            throw bad(spec, "log spacing needs from > 0 and to > 0");
        }
        List<String> values = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            double v = count == 1 ? from : k == count - 1 ? to
                    : log ? Math.exp(Math.log(from) + k * (Math.log(to) - Math.log(from)) / (count - 1))
                    : from + k * (to - from) / (count - 1);
            values.add(type == double.class ? literal(v) : Long.toString(Math.round(v)));
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw bad(spec, "values repeat after rounding " + (type == double.class ? "to 12 digits" : "to whole numbers")
                    + "; use fewer points");
        }
        return new SweepParameter(key, values, new Range(from, to, count, log ? "log" : "lin"));
    }

    /** The shortest decimal of v to 12 significant digits, as YAML reads it back. */
    static String literal(double v) {
        double r = new BigDecimal(v).round(DIGITS).doubleValue();
        return Double.toString(r);
    }

    private static double number(String spec, String text, String what) {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw bad(spec, what + " '" + text + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw bad(spec, what + " must be finite");
        }
        return v;
    }

    /** The Java type of an experiment key (a component path through the {@link Experiment} records). */
    static Class<?> keyType(String key, String spec) {
        Class<?> type = Experiment.class;
        for (String part : key.split("\\.", -1)) {
            RecordComponent found = null;
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    if (c.getName().equals(part)) {
                        found = c;
                    }
                }
            }
            if (found == null) {
                throw bad(spec, "unknown key '" + key + "'");
            }
            type = found.getType();
        }
        if (type.isRecord()) {
            throw bad(spec, "'" + key + "' is a group of keys; sweep one of its keys");
        }
        return type;
    }

    /** The {@code --set} assignment for value k. */
    public String assignment(int k) {
        return key + "=" + values.get(k);
    }

    public int size() {
        return values.size();
    }

    private static ExperimentException bad(String spec, String why) {
        return new ExperimentException("--param " + spec + ": " + why);
    }
}
