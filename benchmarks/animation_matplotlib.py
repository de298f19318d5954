#!/usr/bin/env python3
"""The Van der Pol particle flow of `ode-plot phase --animate`, made with matplotlib's FuncAnimation
and FFMpegWriter: the peer Flowscope's animation writer is measured against.

Same animation: mu = 1, window x in [-3, 3], y in [-4, 4]; 12 particles along the longer side
(9 x 12 grid of cell centres), carried for 8 time units by classical RK4 with 8 steps a frame;
trails of the last 12 frames fading out; grey streamlines under them; 5 x 5 in at 96 dpi
(480 x 480 pixels), 20 fps, 60 frames, H.264 (libx264, yuv420p, CRF 18).

  python flow_matplotlib.py OUT.mp4 [--frames 60]

Prints one JSON line: import, compute, save (all frames drawn and encoded) and whole-run seconds,
and seconds per frame of the save.
"""
import time

T0 = time.perf_counter()
import json
import sys

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.animation import FFMpegWriter, FuncAnimation
from matplotlib.collections import LineCollection

T_IMPORT = time.perf_counter()

MU, X0, X1, Y0, Y1 = 1.0, -3.0, 3.0, -4.0, 4.0
ACROSS, FLOW_TIME, SUBSTEPS, TRAIL, FPS = 12, 8.0, 8, 12, 20


def field(p):
    x, y = p[..., 0], p[..., 1]
    return np.stack([y, MU * (1 - x * x) * y - x], axis=-1)


def compute(frames):
    nx, ny = round(ACROSS * (X1 - X0) / (Y1 - Y0)), ACROSS
    xs = X0 + (np.arange(nx) + 0.5) * (X1 - X0) / nx
    ys = Y0 + (np.arange(ny) + 0.5) * (Y1 - Y0) / ny
    gx, gy = np.meshgrid(xs, ys)
    p = np.stack([gx.ravel(), gy.ravel()], axis=-1)
    h = FLOW_TIME / (frames - 1) / SUBSTEPS
    out = [p.copy()]
    for _ in range(frames - 1):
        for _ in range(SUBSTEPS):
            k1 = field(p); k2 = field(p + 0.5 * h * k1); k3 = field(p + 0.5 * h * k2); k4 = field(p + h * k3)
            p = p + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out.append(p.copy())
    return np.array(out)


def main():
    path = sys.argv[1]
    frames = int(sys.argv[sys.argv.index("--frames") + 1]) if "--frames" in sys.argv else 60
    t0 = time.perf_counter()
    pos = compute(frames)
    t_compute = time.perf_counter() - t0

    fig, ax = plt.subplots(figsize=(5, 5), layout="constrained")
    g = np.linspace(X0, X1, 101), np.linspace(Y0, Y1, 101)
    XS, YS = np.meshgrid(*g)
    ax.streamplot(XS, YS, YS, MU * (1 - XS ** 2) * YS - XS, density=1.1, color="0.77", linewidth=0.7, arrowsize=0.7)
    ax.set(xlim=(X0, X1), ylim=(Y0, Y1), xlabel="x", ylabel="y = dx/dt")
    trails = LineCollection([], colors="black", linewidths=1.5, capstyle="round")
    ax.add_collection(trails)
    heads = ax.scatter(pos[0, :, 0], pos[0, :, 1], s=9, color="black", zorder=5)
    title = ax.set_title("")

    def update(i):
        lo = max(0, i - TRAIL)
        segs, alphas = [], []
        for s in range(lo, i):
            age = (i - 1 - s) / TRAIL
            for a, b in zip(pos[s], pos[s + 1]):
                segs.append([a, b]); alphas.append(0.85 * (1 - age) + 0.05)
        trails.set_segments(segs)
        trails.set_color([(0, 0, 0, a) for a in alphas])
        heads.set_offsets(pos[i])
        title.set_text(f"Van der Pol oscillator (mu = 1), t = {FLOW_TIME * i / (frames - 1):.2f}")
        return trails, heads, title

    anim = FuncAnimation(fig, update, frames=frames, blit=False)
    writer = FFMpegWriter(fps=FPS, codec="libx264", extra_args=["-pix_fmt", "yuv420p", "-crf", "18", "-preset", "medium"])
    t0 = time.perf_counter()
    anim.save(path, writer=writer, dpi=96)
    t_save = time.perf_counter() - t0
    print(json.dumps({"tool": "matplotlib", "frames": frames, "import_s": round(T_IMPORT - T0, 4),
                      "compute_s": round(t_compute, 4), "save_s": round(t_save, 4),
                      "per_frame_ms": round(1000 * t_save / frames, 2), "run_s": round(time.perf_counter() - T0, 4)}))


if __name__ == "__main__":
    main()
