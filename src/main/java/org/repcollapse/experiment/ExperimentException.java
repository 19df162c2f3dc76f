package org.repcollapse.experiment;

/** Bad input: the message is one line naming the offending key and value. */
public final class ExperimentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExperimentException(String message) {
        super(message);
    }

    public static ExperimentException of(String key, Object value, String why) {
        return new ExperimentException(key + " = " + value + ": " + why);
    }
}
