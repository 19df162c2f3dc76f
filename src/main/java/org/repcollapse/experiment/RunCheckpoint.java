package org.repcollapse.experiment;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The contents of {@code checkpoint.bin} ({@link RunJournal}): the experiment it belongs to, the
 * integrator's {@code (t, z, h)}, the recorder's position and the partial file's length then, the
 * last recorded state, an observer's rows, the evaluation count and wall seconds so far. Binary,
 * doubles by their bits (exact), framed by a magic number at both ends: a truncated or foreign
 * file is refused, and no length read from it allocates more than the file could hold.
 */
record RunCheckpoint(String experimentJson, double t, double step, int recorded, long partialBytes,
                     double[] state, double[] lastRecorded, List<double[]> observerRows, long evaluations,
                     double wallSeconds) {

    private static final long MAGIC = 0x434f4c4c41505345L;    // "COLLAPSE"
    private static final int FORMAT = 1;

    void write(java.io.OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
        out.writeLong(MAGIC);
        out.writeInt(FORMAT);
        byte[] json = experimentJson.getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
        out.writeDouble(t);
        out.writeDouble(step);
        out.writeInt(recorded);
        out.writeLong(partialBytes);
        writeArray(out, state);
        writeArray(out, lastRecorded);
        out.writeInt(observerRows.size());
        for (double[] r : observerRows) {
            writeArray(out, r);
        }
        out.writeLong(evaluations);
        out.writeDouble(wallSeconds);
        out.writeLong(MAGIC);
        out.flush();
    }

    static RunCheckpoint read(Path file, String where) {
        int max;
        try {
            max = (int) Math.min(Integer.MAX_VALUE - 8, Files.size(file) / 8);   // a damaged length allocates no more
        } catch (IOException e) {
            throw new ExperimentException(where + ": " + RunJournal.CHECKPOINT + " cannot be read; use --force");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readLong() != MAGIC || in.readInt() != FORMAT) {
                throw new IOException("not a checkpoint");
            }
            byte[] json = new byte[checkedLength(in.readInt(), 1 << 20)];
            in.readFully(json);
            double t = in.readDouble();
            double step = in.readDouble();
            int recorded = in.readInt();
            long bytes = in.readLong();
            double[] state = readArray(in, max);
            double[] last = readArray(in, max);
            int n = checkedLength(in.readInt(), max);
            List<double[]> obs = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                obs.add(readArray(in, max));
            }
            long evaluations = in.readLong();
            double wall = in.readDouble();
            if (in.readLong() != MAGIC || !(t > 0) || !(step > 0) || recorded < 0 || bytes < 0) {
                throw new IOException("damaged");
            }
            return new RunCheckpoint(new String(json, StandardCharsets.UTF_8), t, step, recorded, bytes, state, last,
                    obs, evaluations, wall);
        } catch (IOException e) {
            throw new ExperimentException(where + ": " + RunJournal.CHECKPOINT + " is damaged or not a checkpoint; use --force");
        }
    }

    private static int checkedLength(int n, int max) throws IOException {
        if (n < 0 || n > max) {
            throw new IOException("bad length " + n);
        }
        return n;
    }

    private static void writeArray(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    private static double[] readArray(DataInputStream in, int max) throws IOException {
        double[] a = new double[checkedLength(in.readInt(), max)];
        for (int k = 0; k < a.length; k++) {
            a[k] = Double.longBitsToDouble(in.readLong());
        }
        return a;
    }
}
