#!/usr/bin/env python3
"""Write numpy's eigenvalues of a set of real matrices for Flowscope's eigenvalue tests.

The matrices: Jacobians of the built-in systems at their known equilibria (written out by hand
here, independently of Flowscope's code), a few special cases (defective, rotation, companion)
and seeded random general matrices of sizes 2 to 8. Eigenvalues come from numpy.linalg.eigvals
and are sorted by real part, then imaginary part, rounded to 17 significant digits.

Usage: python3 scripts/make_eigen_references.py [output]   (default: assets/reference/eigenvalues.json)
"""
import json
import math
import sys

import numpy as np


def entry(name, matrix):
    a = np.array(matrix, dtype=float)
    w = np.linalg.eigvals(a)
    w = sorted(w, key=lambda z: (round(z.real, 12), z.imag))
    return {
        "name": name,
        "n": a.shape[0],
        "matrix": [float(x) for x in a.flatten()],
        "eigenvalues": [[float(z.real), float(z.imag)] for z in w],
    }


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "assets/reference/eigenvalues.json"
    rho, sigma, beta = 28.0, 10.0, 8.0 / 3.0
    c = math.sqrt(beta * (rho - 1))
    entries = [
        entry("duffing origin (delta 0.3, alpha -1, beta 1)", [[0, 1], [1, -0.3]]),
        entry("duffing (1, 0)", [[0, 1], [-2, -0.3]]),
        entry("van der pol origin (mu 1)", [[0, 1], [-1, 1]]),
        entry("lotka-volterra (3, 1.5)", [[0, -3], [1.5, 0]]),
        entry("lotka-volterra origin", [[1.5, 0], [0, -3]]),
        entry("lorenz origin", [[-sigma, sigma, 0], [rho, -1, 0], [0, 0, -beta]]),
        entry("lorenz C+", [[-sigma, sigma, 0], [1, -1, -c], [c, c, -beta]]),
        entry("defective 2x2", [[1, 1], [0, 1]]),
        entry("rotation", [[0, -2], [2, 0]]),
        entry("companion x^4 - 10x^3 + 35x^2 - 50x + 24", [[10, -35, 50, -24], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]),
    ]
    rng = np.random.default_rng(20261206)
    for n in range(2, 9):
        entries.append(entry(f"random {n}x{n}", rng.standard_normal((n, n))))
    with open(out, "w") as f:
        json.dump({"generator": "numpy.linalg.eigvals, numpy " + np.__version__, "matrices": entries}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
