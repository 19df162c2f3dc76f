package org.repcollapse.plot;

import java.awt.Font;
import java.awt.font.TextAttribute;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

/**
 * Labels with mathematics in a TeX-like markup: {@code λ_s}, {@code τ_{k}}, {@code e^{-t}},
 * {@code √τ_k}. Greek letters and symbols are written as themselves; {@code _x} / {@code _{..}}
 * is a subscript and {@code ^x} / {@code ^{..}} a superscript. Axis labels get a real
 * sub/superscript ({@link #attributed}); titles and legends, which JFreeChart draws as plain
 * strings, get the Unicode sub/superscript characters where they exist ({@link #plain}).
 */
public final class MathText {

    private static final String SUB_FROM = "0123456789+-=()aehijklmnoprstuvx";
    private static final String SUB_TO = "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ";
    private static final String SUP_FROM = "0123456789+-=()in";
    private static final String SUP_TO = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ";

    /** A run of text: 0 normal, -1 subscript, +1 superscript. */
    private record Run(String text, int shift) {
    }

    private MathText() {
    }

    private static List<Run> parse(String markup) {
        List<Run> runs = new ArrayList<>();
        StringBuilder normal = new StringBuilder();
        int k = 0;
        while (k < markup.length()) {
            char c = markup.charAt(k);
            if ((c == '_' || c == '^') && k + 1 < markup.length()) {
                String script;
                if (markup.charAt(k + 1) == '{' && markup.indexOf('}', k) > 0) {
                    int close = markup.indexOf('}', k);
                    script = markup.substring(k + 2, close);
                    k = close + 1;
                } else {
                    int end = markup.offsetByCodePoints(k + 1, 1);
                    script = markup.substring(k + 1, end);
                    k = end;
                }
                if (normal.length() > 0) {
                    runs.add(new Run(normal.toString(), 0));
                    normal.setLength(0);
                }
                runs.add(new Run(script, c == '_' ? -1 : 1));
            } else {
                normal.append(c);
                k++;
            }
        }
        if (normal.length() > 0) {
            runs.add(new Run(normal.toString(), 0));
        }
        return runs;
    }

    /** The label with true sub/superscripts in {@code font}. */
    public static AttributedString attributed(String markup, Font font) {
        List<Run> runs = parse(markup);
        StringBuilder text = new StringBuilder();
        runs.forEach(r -> text.append(r.text()));
        AttributedString s = new AttributedString(text.toString());
        if (text.length() == 0) {
            return s;
        }
        s.addAttribute(TextAttribute.FAMILY, font.getFamily());
        s.addAttribute(TextAttribute.SIZE, (float) font.getSize2D());
        if (font.isBold()) {
            s.addAttribute(TextAttribute.WEIGHT, TextAttribute.WEIGHT_BOLD);
        }
        int at = 0;
        for (Run r : runs) {
            int end = at + r.text().length();
            if (r.shift() != 0 && end > at) {
                s.addAttribute(TextAttribute.SUPERSCRIPT, r.shift() < 0 ? TextAttribute.SUPERSCRIPT_SUB
                        : TextAttribute.SUPERSCRIPT_SUPER, at, end);
            }
            at = end;
        }
        return s;
    }

    /** The label as one string: scripts as Unicode sub/superscript characters where all exist, else inline (one character) or {@code _xy}. */
    public static String plain(String markup) {
        StringBuilder b = new StringBuilder();
        for (Run r : parse(markup)) {
            if (r.shift() == 0) {
                b.append(r.text());
                continue;
            }
            String from = r.shift() < 0 ? SUB_FROM : SUP_FROM;
            String to = r.shift() < 0 ? SUB_TO : SUP_TO;
            StringBuilder m = new StringBuilder();
            for (int k = 0; k < r.text().length() && m != null; k++) {
                int i = from.indexOf(r.text().charAt(k));
                if (i < 0) {
                    m = null;
                } else {
                    m.append(to.charAt(i));
                }
            }
            // no Unicode script for some character: one character goes inline (λf), more keep the markup (t_end)
            b.append(m != null ? m : r.text().length() == 1 ? r.text() : (r.shift() < 0 ? "_" : "^") + r.text());
        }
        return b.toString();
    }
}
