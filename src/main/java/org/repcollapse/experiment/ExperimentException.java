package org.repcollapse.experiment;

/** Bad input: the message is one line naming the offending key and value. */
public final class ExperimentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExperimentException(String message) {
        super(message);
    }

    /** Longest value quoted in a message; longer ones are cut (the message stays one short line). */
    static final int MAX_VALUE_CHARS = 80;

    public static ExperimentException of(String key, Object value, String why) {
        String v = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
        if (v.length() > MAX_VALUE_CHARS) {
            v = v.substring(0, MAX_VALUE_CHARS - 3) + "...";
        }
        return new ExperimentException(key + " = " + v + ": " + why);
    }
}
