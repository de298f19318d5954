#!/usr/bin/env bash
# The scale benchmark in one run: for each N trajectories × H hidden units, the peers' scale.py
# (torchdiffeq, one thread; it also writes the task's data.csv and init.json), scale_diffrax.py
# (diffrax compiled, one thread) and `ode-bench scale` (Flowscope on 1 thread and every core), back
# to back, REPEATS times; prints a Markdown table of medians with the FLOPs per epoch and the
# fraction of the OpenBLAS dgemm peak (measured by ode-bench right before its own timings, on as
# many threads). Run from anywhere; needs the peers' Python environment.
#
#   benchmarks/scale.sh                       # all nine configurations, 3 repeats
#   CONFIGS="64:64 256:128" REPEATS=5 benchmarks/scale.sh
#   ALL_METHODS=1 benchmarks/scale.sh         # also Flowscope's dopri5 backprop and adjoint epochs
#   CONFIGS="1:128 1:256" benchmarks/scale.sh  # one trajectory: every thread shares each wide layer
#
# Environment: PYTHON (default ../shared/peers/.venv/bin/python, else /work/peers-venv/bin/python),
# PEERS (default ../shared/peers), OUT (work folder, default .build/scale), CONFIGS, REPEATS,
# ALL_METHODS (1: a second table of Flowscope's dopri5 rtol 1e-6 atol 1e-8 epochs with backprop and
# with the adjoint, same tasks; the peers' scripts time RK4 only).
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${PEERS:-../shared/peers}
if [ -z "${PYTHON:-}" ]; then
  PYTHON=$PEERS/.venv/bin/python
  [ -x "$PYTHON" ] || PYTHON=/work/peers-venv/bin/python
fi
OUT=${OUT:-.build/scale}
REPEATS=${REPEATS:-3}
CONFIGS=${CONFIGS:-"5:32 5:64 5:128 64:32 64:64 64:128 256:32 256:64 256:128"}
[ -x "$PYTHON" ] || { echo "scale.sh: no Python at $PYTHON (set PYTHON)" >&2; exit 2; }
[ -f "$PEERS/scale.py" ] || { echo "scale.sh: no scale.py in $PEERS (set PEERS)" >&2; exit 2; }
swift build -c release --product ode-bench >&2
mkdir -p "$OUT"
results=$OUT/results.jsonl
: > "$results"
.build/release/ode-bench peak >> "$results"
for config in $CONFIGS; do
  n=${config%%:*}; h=${config##*:}
  dir=$OUT/n$n-h$h
  # Peers' epochs: enough for a median without minutes per point (torchdiffeq at 256×128 is ~1 s/epoch).
  work=$((n * h * h))
  if [ "$work" -le 300000 ]; then epochs=20; else epochs=8; fi
  for r in $(seq "$REPEATS"); do
    echo "scale.sh: N $n, H $h, run $r of $REPEATS" >&2
    "$PYTHON" "$PEERS/scale.py" "$dir" "$n" "$h" "$epochs" 1 | tail -n 1 >> "$results"
    "$PYTHON" "$PEERS/scale_diffrax.py" "$dir" "$epochs" 1 | tail -n 1 >> "$results"
    .build/release/ode-bench scale "$dir" --epochs "$((epochs < 12 ? 12 : epochs))" --threads "1,$(nproc)" \
      ${ALL_METHODS:+--all-methods} >> "$results"
  done
done
"$PYTHON" - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
peak = {int(r["extra"]["threads"]): r["extra"]["gflops"] for r in rows if r.get("bench") == "peak"}
cores = max(peak)
times, others = {}, {}
for r in rows:
    if r.get("peer") == "torchdiffeq": times.setdefault((r["N"], r["H"]), {}).setdefault("td", []).append(r["sec_per_epoch_median"]); last = (r["N"], r["H"])
    elif r.get("peer") == "diffrax": times.setdefault(last, {}).setdefault("dx", []).append(r["sec_per_epoch_median"])
    elif r.get("bench") == "scale":
        e = r["extra"]; k = (int(e["N"]), int(e["H"]))
        method = r["configuration"].split(", ")[1]
        if not method.startswith("rk4"):
            d = others.setdefault((method, k), {})
            d.setdefault(f"fs{int(e['threads'])}", []).append(r["seconds"])
            d.setdefault(f"peak{int(e['threads'])}", []).append(e["fractionOfPeak"])
            d.setdefault("gflop", []).append(e["gflopPerEpoch"])
            continue
        times.setdefault(k, {}).setdefault(f"fs{int(e['threads'])}", []).append(r["seconds"])
        times[k]["gflop"] = [e["gflopPerEpoch"]]
        times[k].setdefault(f"peak{int(e['threads'])}", []).append(e["fractionOfPeak"])
med = lambda k, d: statistics.median(d[k]) if k in d else float("nan")
ms = lambda s: f"{s * 1e3:.1f} ms" if s < 1 else f"{s:.2f} s"
print(f"dgemm peak (OpenBLAS 2048): {peak.get(1, float('nan')):.1f} GFLOP/s on 1 thread, {peak[cores]:.1f} on {cores}\n")
print(f"| N | H | GFLOP/epoch | torchdiffeq | diffrax | Flowscope 1 thread | Flowscope {cores} threads | vs torchdiffeq | vs diffrax | % of peak (1 / {cores} threads) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for (n, h), d in sorted(times.items()):
    td, dx, f1, fc, g = med("td", d), med("dx", d), med("fs1", d), med(f"fs{cores}", d), d["gflop"][0]
    best = min(f1, fc)
    print(f"| {n} | {h} | {g:.3f} | {ms(td)} | {ms(dx)} | {ms(f1)} | {ms(fc)} | {td / best:.1f}× | {dx / best:.1f}× | "
          f"{100 * med('peak1', d):.0f}% / {100 * med(f'peak{cores}', d):.0f}% |")
if others:
    print(f"\n| method (Flowscope only) | N | H | GFLOP/epoch | 1 thread | {cores} threads | % of peak (1 / {cores} threads) |")
    print("|---|---|---|---|---|---|---|")
    for (method, (n, h)), d in sorted(others.items()):
        print(f"| {method} | {n} | {h} | {med('gflop', d):.3f} | {ms(med('fs1', d))} | {ms(med(f'fs{cores}', d))} | "
              f"{100 * med('peak1', d):.0f}% / {100 * med(f'peak{cores}', d):.0f}% |")
PY
