#!/usr/bin/env python3
"""Write scipy reference trajectories for the .ode systems in assets/systems/.

The equations are written here again by hand in Python (an implementation independent of
Flowscope's .ode reader) and solved with scipy's solve_ivp, DOP853 at rtol = atol = 1e-13; a
Radau solve at rtol = atol = 1e-12 cross-checks each file (the script fails if they disagree by
more than 1e-8 relative to the component's range). Flowscope's tests read the .ode files, solve
them with dopri5 at rtol = atol = 1e-12 and must agree with these values to 1e-6 relative.

Usage: python3 scripts/make_text_references.py [output-folder]   (default: assets/reference/text)
"""
import os
import sys

import numpy as np
from scipy.integrate import solve_ivp

AGREEMENT = 1e-8


def morris_lecar(t, y, iapp=100, phi=0.04, gca=4.4, vca=120, gk=8, vk=-84, gl=2, vl=-60, c=20,
                 v1=-1.2, v2=18, v3=2, v4=30):
    v, w = y
    minf = 0.5 * (1 + np.tanh((v - v1) / v2))
    winf = 0.5 * (1 + np.tanh((v - v3) / v4))
    tauw = 1 / np.cosh((v - v3) / (2 * v4))
    return [(iapp - gca * minf * (v - vca) - gk * w * (v - vk) - gl * (v - vl)) / c,
            phi * (winf - w) / tauw]


def fitzhugh_nagumo(t, y, i=0.5, a=0.7, b=0.8, eps=0.08):
    v, w = y
    return [v - v ** 3 / 3 - w + i, eps * (v + a - b * w)]


def duffing_double_well(t, y, delta=0.25):
    x, v = y
    return [v, x - x ** 3 - delta * v]


# file stem, components, field, y0 (the file's initial values), t1, points
PROBLEMS = [
    ("morris-lecar", ["v", "w"], morris_lecar, [-60, 0.01], 200, 41),
    ("fitzhugh-nagumo", ["v", "w"], fitzhugh_nagumo, [-1, 1], 100, 41),
    ("duffing-double-well", ["x", "v"], duffing_double_well, [0.1, 1.2], 40, 41),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join("assets", "reference", "text")
    os.makedirs(out, exist_ok=True)
    for name, components, f, y0, t1, points in PROBLEMS:
        times = np.linspace(0, t1, points)
        dop = solve_ivp(f, (0, t1), y0, method="DOP853", t_eval=times, rtol=1e-13, atol=1e-13)
        radau = solve_ivp(f, (0, t1), y0, method="Radau", t_eval=times, rtol=1e-12, atol=1e-12)
        assert dop.success and radau.success, name
        scale = np.maximum(np.abs(dop.y).max(axis=1, keepdims=True), 1e-300)
        worst = float((np.abs(dop.y - radau.y) / scale).max())
        if worst > AGREEMENT:
            sys.exit(f"{name}: DOP853 and Radau differ by {worst:.3g} (relative to the range)")
        path = os.path.join(out, f"{name}.csv")
        with open(path, "w") as fh:
            fh.write("t," + ",".join(components) + "\n")
            for k, t in enumerate(times):
                fh.write(",".join(repr(float(x)) for x in [t, *dop.y[:, k]]) + "\n")
        print(f"{path}: DOP853 vs Radau {worst:.2e}")


if __name__ == "__main__":
    main()
