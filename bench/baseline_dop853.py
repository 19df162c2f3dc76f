#!/usr/bin/env python3
"""scipy baseline for the speed benchmark (issue 4, figure (a)).

The head + stop-gradient model of spec section 3 on the full N-sample state, integrated by
scipy.integrate.solve_ivp(method="DOP853") with a vectorised right-hand side: dense BLAS
products for the head and sparse edge-incidence matrices (scipy.sparse) for the sums over
edges E = {(i, c) : c in S_i}. Rates 1, stop-gradient on.

With --instance DIR it runs the Java benchmark's own instance: DIR/z0.f64 (initial state, little-endian
doubles: x_0..x_{N-1}, y_0..y_{K-1}, P row-major) and DIR/edges.i32 (pairs sample, class), and writes
the state at tend to DIR/zend.f64 for the comparison. Without it, it builds the same label structure
(round-robin consistent samples, adjacent pairing) with numpy random numbers (s_x = s_y = 1, s_P = 0.1).

Prints one line: RESULT <wall seconds> <rhs evaluations> <steps>.
"""
import argparse
import os
import time

import numpy as np
import scipy.sparse as sp
from scipy.integrate import solve_ivp


def structure(K, N, phi):
    nf = int(np.floor(phi * N + 0.5))
    rows, cols = [], []
    for i in range(N - nf):
        rows.append(i); cols.append(i % K)
    for k in range(nf):
        i = N - nf + k
        a = k % K
        rows += [i, i]; cols += [a, (a + 1) % K]
    E = len(rows)
    Si = sp.csr_matrix((np.ones(E), (np.arange(E), rows)), shape=(E, N))
    Sc = sp.csr_matrix((np.ones(E), (np.arange(E), cols)), shape=(E, K))
    return Si, Sc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=10000)
    ap.add_argument("--classes", type=int, default=10)
    ap.add_argument("--dim", type=int, default=32)
    ap.add_argument("--phi", type=float, default=0.1)
    ap.add_argument("--tend", type=float, default=100.0)
    ap.add_argument("--rtol", type=float, default=1e-8)
    ap.add_argument("--atol", type=float, default=1e-10)
    ap.add_argument("--instance", default=None)
    a = ap.parse_args()
    N, K, d = a.samples, a.classes, a.dim
    if a.instance:
        pairs = np.fromfile(os.path.join(a.instance, "edges.i32"), dtype="<i4").reshape(-1, 2)
        E = pairs.shape[0]
        Si = sp.csr_matrix((np.ones(E), (np.arange(E), pairs[:, 0])), shape=(E, N))
        Sc = sp.csr_matrix((np.ones(E), (np.arange(E), pairs[:, 1])), shape=(E, K))
    else:
        Si, Sc = structure(K, N, a.phi)
    SiT, ScT = Si.T.tocsr(), Sc.T.tocsr()
    E = Si.shape[0]
    n_c = np.asarray(Sc.sum(axis=0)).ravel()
    eta_x, gamma, eta_p, keep = 1.0, 1.0, 1.0, 0.0   # keep = 1 - s, stop-gradient s = 1
    rng = np.random.default_rng(42)
    X0 = rng.standard_normal((N, d))
    Y0 = rng.standard_normal((K, d))
    P0 = np.eye(d) + 0.1 * rng.standard_normal((d, d))
    z0 = np.concatenate([X0.ravel(), Y0.ravel(), P0.ravel()])
    if a.instance:
        z0 = np.fromfile(os.path.join(a.instance, "z0.f64"), dtype="<f8")
        assert z0.size == N * d + K * d + d * d
    nx, ny = N * d, K * d

    def rhs(t, z):
        X = z[:nx].reshape(N, d)
        Y = z[nx:nx + ny].reshape(K, d)
        P = z[nx + ny:].reshape(d, d)
        Xe = Si @ X                      # x_i on each edge
        Ye = Sc @ Y                      # y_c on each edge
        r1 = Xe @ P.T - Ye               # P x_i - y_c
        r2 = Ye @ P.T - Xe               # P y_c - x_i
        gx = SiT @ (r1 @ P - keep * r2)  # sum_c P^T r1 + (1-s)(x_i - P y_c)
        gy = ScT @ (r2 @ P - keep * r1)
        gp = r1.T @ Xe + r2.T @ Ye
        return np.concatenate([(-eta_x * gx).ravel(), (-(gamma / n_c)[:, None] * gy).ravel(),
                               (-(eta_p / E) * gp).ravel()])

    rhs(0.0, z0)   # warm-up
    t0 = time.perf_counter()
    sol = solve_ivp(rhs, (0.0, a.tend), z0, method="DOP853", rtol=a.rtol, atol=a.atol)
    wall = time.perf_counter() - t0
    if not sol.success:
        raise SystemExit("solve_ivp failed: " + sol.message)
    if a.instance:
        sol.y[:, -1].astype("<f8").tofile(os.path.join(a.instance, "zend.f64"))
    print("RESULT %.6f %d %d" % (wall, sol.nfev, len(sol.t) - 1))


if __name__ == "__main__":
    main()
