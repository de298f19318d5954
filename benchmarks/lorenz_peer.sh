#!/bin/sh
# Per-epoch time of the Lorenz preset's configuration in Flowscope, torchdiffeq and diffrax, on the
# same data, back to back, RUNS rounds (each round runs all four once), medians over the rounds.
# The configuration is `ode-train --preset lorenz` with a constant window of WINDOW time units (the
# curriculum's end, 0.2; every epoch then does the same work in every tool): 12 trajectories of
# 1001 rows, 600 windows an epoch in minibatches of 64, 3-64-64-3 tanh, RK4 dt 0.01, backprop, Adam.
# Flowscope runs on 1 and on 2 threads, the peers on 1 (their own threading does not help at this
# size; diffrax is pinned to one core). Epoch 0 is left out everywhere (diffrax compiles in it).
# Usage: benchmarks/lorenz_peer.sh [EPOCHS] [RUNS]   (release build first: swift build -c release)
set -eu
cd "$(dirname "$0")/.."
epochs=${1:-8}
runs=${2:-3}
window=${WINDOW:-0.2}
bin=${FLOWSCOPE_BIN_DIR:-.build/release}
py=${PEERS_PYTHON:-/work/peers-venv/bin/python}
[ -x "$bin/ode-train" ] || { echo "lorenz_peer.sh: build first: swift build -c release" >&2; exit 2; }
[ -x "$py" ] || { echo "lorenz_peer.sh: no peers' Python at $py (set PEERS_PYTHON)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin/ode-train" --preset lorenz --epochs 1 --quiet -o "$dir/first.json" --save-data "$dir/lorenz.csv" > /dev/null
: > "$dir/results.jsonl"
flowscope() {
    "$bin/ode-train" --preset lorenz --window "$window" --epochs "$epochs" --threads "$1" --quiet \
        -o "$dir/m.json" --log "$dir/log.csv" > /dev/null
    awk -F, -v threads="$1" 'NR > 1 { s[NR - 2] = $7 } END {
        n = 0; for (i = 1; i < NR - 1; i++) d[n++] = s[i] - s[i - 1]
        for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (d[j] < d[i]) { t = d[i]; d[i] = d[j]; d[j] = t }
        m = n % 2 ? d[(n - 1) / 2] : (d[n / 2 - 1] + d[n / 2]) / 2
        printf "{\"bench\": \"lorenz_flowscope_%d\", \"sec_per_epoch_median\": %.6f}\n", threads, m }' "$dir/log.csv" >> "$dir/results.jsonl"
}
for round in $(seq "$runs"); do
    echo "lorenz_peer.sh: round $round of $runs" >&2
    flowscope 1
    flowscope 2
    "$py" benchmarks/lorenz_peer.py "$dir/lorenz.csv" --framework torch --window "$window" --epochs "$epochs" | grep '^{' >> "$dir/results.jsonl"
    "$py" benchmarks/lorenz_peer.py "$dir/lorenz.csv" --framework diffrax --window "$window" --epochs "$epochs" | grep '^{' >> "$dir/results.jsonl"
done
"$py" - "$dir/results.jsonl" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
med = {}
for name in ["lorenz_flowscope_1", "lorenz_flowscope_2", "lorenz_torch", "lorenz_diffrax"]:
    values = [r["sec_per_epoch_median"] for r in rows if r["bench"] == name]
    med[name] = statistics.median(values)
    print(f"{name:20s} {med[name] * 1000:9.1f} ms/epoch  (runs: {', '.join(f'{v * 1000:.1f}' for v in values)})")
for ours in ["lorenz_flowscope_1", "lorenz_flowscope_2"]:
    print(f"{ours}: torchdiffeq / flowscope = {med['lorenz_torch'] / med[ours]:.1f}x, "
          f"diffrax / flowscope = {med['lorenz_diffrax'] / med[ours]:.1f}x")
EOF
