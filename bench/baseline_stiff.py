#!/usr/bin/env python3
"""scipy peer of benchmark (d) (issue 11): scipy's stiff methods with the exact Jacobian.

Reads the instance that org.repcollapse.bench.StiffInstance wrote for one experiment file
(DIR/instance.json describes it; little-endian, row-major):
  z0.f64, zend.f64      initial state and the Java end state at integration.tEnd
  dz0.f64, dzend.f64    the Java right-hand side dz/dt at z0 and at zend
  edges.i32             training edges (sample i, class c), E = {(i, c) : c in S_i}
  xi.f64                teacher-student only: the N x D inputs xi_i
builds the same right-hand side with numpy, independently of the Java flows, and integrates it
with solve_ivp BDF and Radau, the analytic Jacobian supplied.

Models (spec sections 2, 3, 5), dz/dt = -R G(z), R the per-block rates:
  rates: x_i (or W) eta = rates.samples; y_c gamma/n_c (gamma = rates.labels,
  n_c = |{i : c in S_i}|); P eta_P/|E| (eta_P = rates.head).
  embedding, no head: state (x_1..x_N, y_1..y_K), G = (L (x) I_d) z with L = B^T B, B the E x (N+K)
    signed incidence matrix (+1 at sample i, -1 at class c of each edge); linear, so the Jacobian
    J = -(R L) (x) I_d is constant and sparse (scipy.sparse, splu inside BDF/Radau).
  teacher-student: state (W (d x D), Y (K x d), [P (d x d)]), C = sum_E xi_i xi_i^T (D x D),
    M = (M_c) (K x D), M_c = sum_{i : c in S_i} xi_i, V = W C, U = W M^T, YM = Y^T M,
    B = P^T P + (1-s) I, A = P^T + (1-s) P (no head: B = A = I; s = 1 with stop-gradient):
      G_W = B V - A YM
      G_y_c = n_c B y_c - A W M_c
      G_P = P (W C W^T + sum_c n_c y_c y_c^T) - sum_c [(W M_c) y_c^T + y_c (W M_c)^T]
    With stop-gradient this is not a gradient flow; the Jacobian below is the derivative of
    these expressions (dense, 2418 or 2454 square), derived in jacobian_ts and checked against
    the complex step by --check. Without a head it is constant.

Usage: baseline_stiff.py DIR [--methods BDF,Radau] [--check] [--tend T]
Prints, per method, a human line and a machine line
  RESULT <method> <integration s> <with set-up s> <nfev> <njev> <nlu> <max|z - z_java| / max|z_java|>
--check compares this right-hand side with the Java one at z0 and zend, and the analytic
Jacobian with the complex-step derivative (teacher-student: every y and P column, 64 random W columns;
both models: 8 random directions, which mix every column), then exits (status 1 when a check fails).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import scipy.sparse as sp
from scipy.integrate import solve_ivp


def read(dirname, name, dtype):
    return np.fromfile(os.path.join(dirname, name), dtype=dtype)


class Instance:
    def __init__(self, dirname):
        with open(os.path.join(dirname, "instance.json")) as f:
            self.h = json.load(f)
        h = self.h
        self.dir = dirname
        self.model = h["model"]
        self.N, self.K, self.d = h["samples"], h["classes"], h["dim"]
        self.head, self.sg = h["head"], h["stopGradient"]
        self.z0 = read(dirname, "z0.f64", "<f8")
        self.zend = read(dirname, "zend.f64", "<f8")
        self.dz0 = read(dirname, "dz0.f64", "<f8")
        self.dzend = read(dirname, "dzend.f64", "<f8")
        pairs = read(dirname, "edges.i32", "<i4").reshape(-1, 2)
        self.ei, self.ec = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
        self.E = len(self.ei)
        self.n = np.bincount(self.ec, minlength=self.K).astype(float)
        r = h["rates"]
        self.eta, self.gamma, self.etaP = r["samples"], r["labels"], r["head"]
        if self.model == "teacher-student":
            self.D = h["inputDim"]
            self.xi = read(dirname, "xi.f64", "<f8").reshape(self.N, self.D)
        assert self.z0.size == h["layout"]["dimension"], "state size differs from the header"


class TeacherStudent:
    """The linear teacher-student flow from the input statistics C, M (spec section 5)."""

    def __init__(self, ins):
        self.ins = ins
        d, D, K = ins.d, ins.D, ins.K
        self.d, self.D, self.K = d, D, K
        Xe = ins.xi[ins.ei]                       # one row per edge
        self.C = Xe.T @ Xe                        # sum_E xi xi^T
        self.M = np.zeros((K, D))
        np.add.at(self.M, ins.ec, Xe)             # class input sums
        self.n = ins.n
        self.keep = 0.0 if ins.sg else 1.0
        self.yo = d * D
        self.po = d * D + K * d
        self.size = self.po + (d * d if ins.head else 0)
        r = np.empty(self.size)
        r[:self.yo] = ins.eta
        r[self.yo:self.po] = np.repeat(ins.gamma / self.n, d)
        r[self.po:] = ins.etaP / ins.E
        self.rate = r
        self.I = np.eye(d)

    def split(self, z):
        d, D, K = self.d, self.D, self.K
        W = z[:self.yo].reshape(d, D)
        Y = z[self.yo:self.po].reshape(K, d)
        P = z[self.po:].reshape(d, d) if self.ins.head else None
        return W, Y, P

    def BA(self, P):
        if P is None:
            return self.I, self.I
        return P.T @ P + self.keep * self.I, P.T + self.keep * P

    def rhs(self, t, z):
        W, Y, P = self.split(z)
        B, A = self.BA(P)
        V = W @ self.C
        U = W @ self.M.T
        GW = B @ V - A @ (Y.T @ self.M)
        GY = self.n[:, None] * (Y @ B.T) - (A @ U).T
        parts = [GW.ravel(), GY.ravel()]
        if P is not None:
            S = V @ W.T + Y.T @ (self.n[:, None] * Y)
            UY = U @ Y
            parts.append((P @ S - UY - UY.T).ravel())
        return -self.rate * np.concatenate(parts)

    def jacobian(self, t, z):
        """Dense dz'/dz = -R dG/dz; index conventions W[a,b], Y[c,a], P[i,j] (row-major)."""
        d, D, K = self.d, self.D, self.K
        W, Y, P = self.split(z)
        B, A = self.BA(P)
        I, n, M, C = self.I, self.n, self.M, self.C
        J = np.empty((self.size, self.size))
        yo, po = self.yo, self.po
        # G_W[p,q] = (B V)[p,q] - (A Y^T M)[p,q]
        J[:yo, :yo] = np.kron(B, C)                                              # B[p,a] C[b,q]
        J[:yo, yo:po] = -np.einsum('pa,cq->pqca', A, M).reshape(d * D, K * d)    # -A[p,a] M[c,q]
        # G_Y[c,p] = n_c (B Y^T)[p,c] - (A U)[p,c]
        J[yo:po, :yo] = -np.einsum('pa,cb->cpab', A, M).reshape(K * d, d * D)    # -A[p,a] M[c,b]
        J[yo:po, yo:po] = np.kron(np.diag(n), B)                                 # n_c d_cc' B[p,a]
        if P is not None:
            keep = self.keep
            V = W @ C
            U = W @ M.T
            YM = Y.T @ M
            PV = P @ V
            PY = P @ Y.T
            S = V @ W.T + Y.T @ (n[:, None] * Y)
            # dB[p,a]/dP[i,j] = d_jp P[i,a] + P[i,p] d_ja;  dA[p,a]/dP[i,j] = d_ai d_pj + keep d_pi d_aj
            J[:yo, po:] = (np.einsum('jp,iq->pqij', I, PV - YM) + np.einsum('ip,jq->pqij', P, V)
                           - keep * np.einsum('pi,jq->pqij', I, YM)).reshape(d * D, d * d)
            J[yo:po, po:] = (np.einsum('jp,ic->cpij', I, PY * n[None, :] - U)
                             + np.einsum('c,ip,cj->cpij', n, P, Y)
                             - keep * np.einsum('pi,jc->cpij', I, U)).reshape(K * d, d * d)
            # G_P[p,q] = (P S)[p,q] - (U Y)[p,q] - (U Y)[q,p],  S = V W^T + Y^T diag(n) Y
            J[po:, :yo] = (np.einsum('pa,qb->pqab', P, V) + np.einsum('qa,pb->pqab', I, PV - YM)
                           - np.einsum('pa,qb->pqab', I, YM)).reshape(d * d, d * D)
            J[po:, yo:po] = (np.einsum('c,pa,cq->pqca', n, P, Y) + np.einsum('qa,pc->pqca', I, PY * n[None, :] - U)
                             - np.einsum('pa,qc->pqca', I, U)).reshape(d * d, K * d)
            J[po:, po:] = np.kron(I, S)                                          # d_pi S[j,q]
        J *= -self.rate[:, None]
        return J

    def linear(self):
        return not self.ins.head


class Embedding:
    """The embedding-only flow of spec section 2 on the full N-sample state (no head)."""

    def __init__(self, ins):
        if ins.head:
            raise SystemExit("baseline_stiff.py: the embedding model with a head is not implemented here")
        self.ins = ins
        N, K, d, E = ins.N, ins.K, ins.d, ins.E
        self.N, self.K, self.d = N, K, d
        rows = np.arange(E)
        self.Si = sp.csr_matrix((np.ones(E), (rows, ins.ei)), shape=(E, N))
        self.Sc = sp.csr_matrix((np.ones(E), (rows, ins.ec)), shape=(E, K))
        self.SiT, self.ScT = self.Si.T.tocsr(), self.Sc.T.tocsr()
        rate_v = np.concatenate([np.full(N, ins.eta), ins.gamma / ins.n])
        self.rate_v = rate_v
        self.rate = np.repeat(rate_v, d)
        self.size = (N + K) * d

    def rhs(self, t, z):
        N, K, d = self.N, self.K, self.d
        X = z[:N * d].reshape(N, d)
        Y = z[N * d:].reshape(K, d)
        diff = self.Si @ X - self.Sc @ Y          # x_i - y_c per edge
        G = np.concatenate([(self.SiT @ diff).ravel(), (-(self.ScT @ diff)).ravel()])
        return -self.rate * G

    def jacobian(self, t=None, z=None):
        """J = -(R L) (x) I_d, L = B^T B (the sample-label graph Laplacian), sparse CSC."""
        Bm = sp.hstack([self.Si, -self.Sc]).tocsr()
        L = (Bm.T @ Bm).tocsr()
        small = sp.diags(-self.rate_v) @ L
        return sp.kron(small, sp.identity(self.d), format="csc")

    def linear(self):
        return True


def model_of(ins):
    return TeacherStudent(ins) if ins.model == "teacher-student" else Embedding(ins)


def rel(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def check(ins, m):
    """rhs against Java at z0 and zend; analytic Jacobian against the complex step. True if all pass."""
    ok = True
    # Both right-hand sides are sums of O(D) products of O(1) numbers, in different orders:
    # they agree to a few hundred ulps of the largest term, not of the result.
    # Near a fixed point (zend) the result is tiny while the terms are not, so the scale is the
    # larger of max |f| there and at z0 (terms of the same size: |z| stays O(1)).
    tol_rhs = 1e-11
    scale0 = float(np.max(np.abs(ins.dz0)))
    for name, z, dz in (("z0", ins.z0, ins.dz0), ("zend", ins.zend, ins.dzend)):
        f = m.rhs(0.0, z)
        e = float(np.max(np.abs(f - dz))) / max(float(np.max(np.abs(dz))), scale0)
        good = e < tol_rhs
        ok &= good
        print(f"check rhs at {name}: max |f_numpy - f_java| / max(max |f_java|, max |f_java(z0)|) = {e:.2e}"
              f" (tol {tol_rhs:g}) {'ok' if good else 'FAIL'}")
    # complex step: f(z + i h v) = f(z) + i h J v + O(h^2) in the imaginary part, no cancellation,
    # so J v is exact to rounding for h = 1e-30 (the flows are polynomial: no abs, no conj).
    h = 1e-30
    rng = np.random.default_rng(1)
    tol_jac = 1e-12
    for name, z in (("z0", ins.z0), ("zend", ins.zend)):
        J = m.jacobian(0.0, z)
        e = 0.0
        if isinstance(m, TeacherStudent):
            # every y and P column, 64 random W columns, then random directions (which mix all columns)
            picks = np.concatenate([rng.choice(m.yo, 64, replace=False), np.arange(m.yo, m.size)])
            for k in picks:
                zz = z.astype(complex)
                zz[k] += 1j * h
                e = max(e, rel(J[:, k], m.rhs(0.0, zz).imag / h) * np.max(np.abs(J[:, k])) / np.max(np.abs(J)))
            what = f"{picks.size} columns (all y, P) and 8 random directions"
        else:
            what = "8 random directions"
        for _ in range(8):
            v = rng.standard_normal(m.size)
            e = max(e, rel(J @ v, m.rhs(0.0, z + 1j * h * v).imag / h))
        good = e < tol_jac
        ok &= good
        print(f"check Jacobian at {name} ({what}): max |J - J_complex_step| / max |J| = {e:.2e} (tol {tol_jac:g}) {'ok' if good else 'FAIL'}")
    return ok


def integrate(ins, m, method, tend, rtol, atol):
    t0 = time.perf_counter()
    if m.linear():
        jac = m.jacobian(0.0, ins.z0)             # constant: built once, the set-up
    else:
        jac = m.jacobian                          # callable: every evaluation inside the integration
    t1 = time.perf_counter()
    sol = solve_ivp(m.rhs, (0.0, tend), ins.z0, method=method, rtol=rtol, atol=atol, jac=jac)
    t2 = time.perf_counter()
    if sol.status != 0:
        print(f"{method}: failed: {sol.message}")
        return None
    return sol, t2 - t1, t2 - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--methods", default="BDF,Radau")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--tend", type=float, default=None, help="default: the instance's integration.tEnd")
    a = ap.parse_args()
    t0 = time.perf_counter()
    ins = Instance(a.dir)
    m = model_of(ins)
    setup = time.perf_counter() - t0                # reading and the statistics C, M / incidence
    if a.check:
        sys.exit(0 if check(ins, m) else 1)
    integ = ins.h["integration"]
    tend = a.tend if a.tend is not None else integ["tEnd"]
    rtol, atol = integ["rtol"], integ["atol"]
    for method in a.methods.split(","):
        r = integrate(ins, m, method, tend, rtol, atol)
        if r is None:
            print(f"RESULT {method} nan nan 0 0 0 nan")
            continue
        sol, t_int, t_all = r
        diff = rel(sol.y[:, -1], ins.zend) if tend == integ["tEnd"] else float("nan")
        print(f"{ins.h['name']} scipy {method}: {t_int:.2f} s integration, {t_all + setup:.2f} s with set-up; "
              f"nfev {sol.nfev}, njev {sol.njev}, nlu {sol.nlu}; end state vs Java {diff:.1e} (relative to max |z_java|)")
        print(f"RESULT {method} {t_int:.4f} {t_all + setup:.4f} {sol.nfev} {sol.njev} {sol.nlu} {diff:.3e}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
