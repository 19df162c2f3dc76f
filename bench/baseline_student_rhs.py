#!/usr/bin/env python3
"""numpy baseline for the teacher-student right-hand side (issue 11, item 4).

Reads the Java benchmark's instance from DIR (little-endian): meta.txt ("K N D d head keep"),
xi.f64 (the N x D teacher inputs), edges.i32 (pairs sample, class), z.f64 (the state: W (d x D),
y_c (K x d), then P (d x d) with a head), rate.f64 (the rate of every coordinate). Builds the
input statistics once (not timed): G_E = sum_E xi_i xi_i^T (D x D), M (K x D), n_c, and the factor
F = diag(sqrt|S_i|) Xi (N x D, F^T F = G_E). Times the drive dz/dt = -rate * G with the BLAS products
of spec section 5 (StudentAlignmentLoss / StudentPredictorLoss), three ways: through the dense G_E
(W @ G_E), through the factor ((W @ F^T) @ F), and as the Java code does, through the stacked basis
E = [F; M] (W @ E^T, then [W F^T, -Y^T] @ E); the best of short batches of each.
Writes the derivative (dense route) to DIR/deriv.f64 for the comparison.

Prints: RESULT <s per evaluation: dense G_E> <factor> <stacked> <BLAS threads>.
"""
import os
import sys
import time

import numpy as np


def main():
    d_ = sys.argv[1]
    K, N, D, d, head, keep = open(os.path.join(d_, "meta.txt")).read().split()
    K, N, D, d, head, keep = int(K), int(N), int(D), int(d), head == "1", float(keep)
    xi = np.fromfile(os.path.join(d_, "xi.f64"), dtype="<f8").reshape(N, D)
    pairs = np.fromfile(os.path.join(d_, "edges.i32"), dtype="<i4").reshape(-1, 2)
    z = np.fromfile(os.path.join(d_, "z.f64"), dtype="<f8")
    rate = np.fromfile(os.path.join(d_, "rate.f64"), dtype="<f8")
    count = np.bincount(pairs[:, 0], minlength=N).astype(float)
    F = np.sqrt(count)[:, None] * xi
    G = F.T @ F
    M = np.zeros((K, D))
    np.add.at(M, pairs[:, 1], xi[pairs[:, 0]])
    n = np.bincount(pairs[:, 1], minlength=K).astype(float)
    nw, ny = d * D, K * d
    eye = np.eye(d)
    out = np.empty_like(z)

    def drive(z, wc_of):
        W = z[:nw].reshape(d, D)
        Y = z[nw:nw + ny].reshape(K, d)
        WC = wc_of(W)
        WM = M @ W.T                       # row c: W M_c
        if not head:
            GW = WC - Y.T @ M
            Gy = n[:, None] * Y - WM
            g = np.concatenate([GW.ravel(), Gy.ravel()])
        else:
            P = z[nw + ny:].reshape(d, d)
            B = P.T @ P + keep * eye
            A = P.T + keep * P
            AY = Y @ A.T                   # row c: A y_c
            GW = B @ WC - AY.T @ M
            Gy = n[:, None] * (Y @ B) - WM @ A.T
            S = WC @ W.T + (Y.T * n) @ Y
            Swy = WM.T @ Y
            GP = P @ S - Swy - Swy.T
            g = np.concatenate([GW.ravel(), Gy.ravel(), GP.ravel()])
        np.multiply(g, rate, out=out)
        np.negative(out, out=out)
        return out

    E = np.vstack([F, M])                  # the Java route: E = [F; M], one product each way
    ET = np.ascontiguousarray(E.T)
    r = F.shape[0]

    def stacked(z, _):
        W = z[:nw].reshape(d, D)
        Y = z[nw:nw + ny].reshape(K, d)
        Pj = W @ ET                        # [W F^T, W M^T]
        xf, WMt = Pj[:, :r], Pj[:, r:]     # WMt column c: W M_c
        if not head:
            Gy = n[:, None] * Y - WMt.T
            GW = np.hstack([xf, -Y.T]) @ E
            g = np.concatenate([GW.ravel(), Gy.ravel()])
        else:
            P = z[nw + ny:].reshape(d, d)
            B = P.T @ P + keep * eye
            A = P.T + keep * P
            AY = Y @ A.T
            GW = np.hstack([B @ xf, -AY.T]) @ E
            Gy = n[:, None] * (Y @ B) - WMt.T @ A.T
            S = xf @ xf.T + (Y.T * n) @ Y
            Swy = WMt @ Y
            GP = P @ S - Swy - Swy.T
            g = np.concatenate([GW.ravel(), Gy.ravel(), GP.ravel()])
        np.multiply(g, rate, out=out)
        np.negative(out, out=out)
        return out

    routes = {"dense": (drive, lambda W: W @ G), "factor": (drive, lambda W: (W @ F.T) @ F),
              "stacked": (stacked, None)}
    best = {}
    for name, (fn, route) in routes.items():
        ref = drive(z, routes["dense"][1]).copy()
        dev = np.abs(fn(z, route) - ref).max() / np.abs(ref).max()
        assert dev < 1e-12, (name, dev)    # the three routes compute the same drive
        for _ in range(200):
            fn(z, route)                   # warm-up
        reps = 20                          # short batches, best of 500: robust to preemption on a shared machine
        t = float("inf")
        for _ in range(500):
            t0 = time.perf_counter()
            for _ in range(reps):
                fn(z, route)
            t = min(t, (time.perf_counter() - t0) / reps)
        best[name] = t
    drive(z, routes["dense"][1]).astype("<f8").tofile(os.path.join(d_, "deriv.f64"))
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print("RESULT %.6e %.6e %.6e %s" % (best["dense"], best["factor"], best["stacked"], threads))


if __name__ == "__main__":
    main()
