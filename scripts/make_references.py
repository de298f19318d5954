#!/usr/bin/env python3
"""Write high-accuracy reference trajectories for Flowscope's solver tests.

Each problem is solved twice, independently:
  * mpmath's Taylor-series integrator (odefun) at 30 significant digits, tolerance 1e-25;
    these values are written (rounded to float64, 17 significant digits);
  * scipy's solve_ivp with DOP853 at rtol = atol = 1e-12, as a cross-check.
The script fails if the two disagree by more than 1e-8 anywhere, and records the largest
difference per file in assets/reference/README.md.

Usage: python3 scripts/make_references.py [output-folder]   (default: assets/reference)
"""
import os
import sys

import mpmath
import numpy as np
from scipy.integrate import solve_ivp

mpmath.mp.dps = 30
TAYLOR_TOL = mpmath.mpf(10) ** -25
AGREEMENT = 1e-8


def van_der_pol(mu):
    return lambda t, y: [y[1], mu * (1 - y[0] ** 2) * y[1] - y[0]]


def lotka_volterra(a, b, c, d):
    return lambda t, y: [a * y[0] - b * y[0] * y[1], -c * y[1] + d * y[0] * y[1]]


def lorenz(sigma, rho, beta):
    return lambda t, y: [sigma * (y[1] - y[0]), y[0] * (rho - y[2]) - y[1], y[0] * y[1] - beta * y[2]]


# name, components, parameters (as they appear in the Swift registry), field maker,
# y0, t0, t1, number of points. Parameters are exact decimal strings so mpmath sees them exactly.
PROBLEMS = [
    ("van-der-pol", ["x", "y"], {"mu": "1"}, van_der_pol, ["2", "0"], 0, 20, 21),
    ("lotka-volterra", ["prey", "predator"], {"a": "1.5", "b": "1", "c": "3", "d": "1"},
     lotka_volterra, ["5", "3"], 0, 10, 21),
    ("lorenz", ["x", "y", "z"], {"sigma": "10", "rho": "28", "beta": "8/3"}, lorenz, ["1", "1", "1"], 0, 2, 21),
]


def parse(value, exact):
    if "/" in value:
        n, d = value.split("/")
        return exact(n) / exact(d)
    return exact(value)


def solve(name, components, params, maker, y0, t0, t1, points):
    times = [mpmath.mpf(t0) + (mpmath.mpf(t1) - t0) * k / (points - 1) for k in range(points)]
    mp_field = maker(*[parse(v, mpmath.mpf) for v in params.values()])
    taylor = mpmath.odefun(mp_field, t0, [mpmath.mpf(v) for v in y0], tol=TAYLOR_TOL, degree=24)
    reference = np.array([[float(v) for v in taylor(t)] for t in times])

    np_field = maker(*[parse(v, float) for v in params.values()])
    dop853 = solve_ivp(np_field, (t0, t1), [float(v) for v in y0], method="DOP853",
                       rtol=1e-12, atol=1e-12, t_eval=[float(t) for t in times])
    if not dop853.success:
        raise SystemExit(f"{name}: DOP853 failed: {dop853.message}")
    difference = float(np.max(np.abs(dop853.y.T - reference)))
    if difference > AGREEMENT:
        raise SystemExit(f"{name}: Taylor and DOP853 differ by {difference:.3g} > {AGREEMENT:g}")
    rows = [",".join(["t"] + components)]
    for t, y in zip(times, reference):
        rows.append(",".join([repr(float(t))] + [f"{v:.17g}" for v in y]))
    return "\n".join(rows) + "\n", difference


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join("assets", "reference")
    os.makedirs(folder, exist_ok=True)
    notes = [
        "# Reference trajectories",
        "",
        "Written by `scripts/make_references.py`: mpmath's Taylor-series integrator at 30 digits",
        "(tolerance 1e-25), rounded to float64, cross-checked against scipy's DOP853 at",
        "rtol = atol = 1e-12. Columns: `t`, then the state components in registry order.",
        "",
        "| file | system, parameters | y0 | t | max abs difference from DOP853 |",
        "|---|---|---|---|---|",
    ]
    for problem in PROBLEMS:
        name, components, params, _, y0, t0, t1, points = problem
        text, difference = solve(*problem)
        path = os.path.join(folder, f"{name}.csv")
        temporary = path + ".tmp"
        with open(temporary, "w") as handle:
            handle.write(text)
        os.replace(temporary, path)
        described = ", ".join(f"{k}={v}" for k, v in params.items())
        notes.append(f"| {name}.csv | {name}, {described} | ({', '.join(y0)}) | "
                     f"{points} points on [{t0}, {t1}] | {difference:.2g} |")
        print(f"{path}: {points} rows, DOP853 within {difference:.2g}")
    with open(os.path.join(folder, "README.md"), "w") as handle:
        handle.write("\n".join(notes) + "\n")


if __name__ == "__main__":
    main()
