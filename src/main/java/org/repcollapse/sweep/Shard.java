package org.repcollapse.sweep;

import org.repcollapse.experiment.ExperimentException;

/**
 * Part {@code index} of {@code count} of a sweep ({@code --shard i/n}, {@code i = 0..n-1}, as
 * a job array's task id): run number r belongs to the shard with {@code r mod n = i}, so the
 * shards share out the grid evenly whatever its shape.
 */
public record Shard(int index, int count) {

    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new ExperimentException("--shard " + index + "/" + count + ": expected i/n with 0 <= i < n");
        }
    }

    public static Shard parse(String text) {
        String[] p = text.trim().split("/", -1);
        if (p.length != 2) {
            throw new ExperimentException("--shard " + text + ": expected i/n, e.g. 0/4 (i = 0..n-1)");
        }
        try {
            return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new ExperimentException("--shard " + text + ": expected i/n with whole numbers, e.g. 0/4");
        }
    }

    public boolean owns(long run) {
        return run % count == index;
    }

    /** How many of the run numbers 0..runs-1 this shard owns. */
    public long runsOf(long runs) {
        return index < runs ? (runs - 1 - index) / count + 1 : 0;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
